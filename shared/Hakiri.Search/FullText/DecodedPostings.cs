namespace Hakiri.Search.FullText;

/// <summary>A term's postings decoded into arrays (for phrases): documents, tf, and each posting's absolute positions.</summary>
internal sealed class DecodedPostings(int[] documents, int[] tfs, int[] positionStarts, int[] positions)
{
    public int[] Documents { get; } = documents;

    public int[] Tfs { get; } = tfs;

    public int Count => Documents.Length;

    public ReadOnlySpan<int> PositionsOf(int posting) =>
        positions.AsSpan(positionStarts[posting], Tfs[posting]);

    public static DecodedPostings Decode(PostingsBuffer postings)
    {
        var count = postings.DocumentFrequency;
        var documents = new int[count];
        var tfs = new int[count];
        var starts = new int[count];
        var bytes = postings.Documents;
        int offset = 0, document = -1, total = 0;
        for (var i = 0; i < count; i++)
        {
            document += (int)VarInt.Read(bytes, ref offset);
            documents[i] = document;
            tfs[i] = (int)VarInt.Read(bytes, ref offset);
            starts[i] = total;
            total += tfs[i];
        }

        var positions = new int[total];
        var positionBytes = postings.Positions;
        offset = 0;
        var p = 0;
        for (var i = 0; i < count; i++)
        {
            var position = 0;
            for (var j = 0; j < tfs[i]; j++)
            {
                position += (int)VarInt.Read(positionBytes, ref offset);
                positions[p++] = position;
            }
        }

        return new DecodedPostings(documents, tfs, starts, positions);
    }
}
