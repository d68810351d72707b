namespace Hakiri.Search.FullText;

/// <summary>
/// One term's postings while a segment is built: (document delta, tf) pairs and, apart, each posting's position deltas,
/// all as var-ints in growable byte arrays.
/// </summary>
internal sealed class TermPostings(string term)
{
    private int _lastDocument = -1;

    public string Term { get; } = term;

    public int DocumentFrequency { get; private set; }

    public byte[] Documents { get; private set; } = new byte[8];

    public int DocumentsLength { get; private set; }

    public byte[] Positions { get; private set; } = new byte[8];

    public int PositionsLength { get; private set; }

    /// <summary>Adds a posting; documents come in increasing order, positions increasing.</summary>
    public void Add(int document, ReadOnlySpan<int> positions)
    {
        Documents = Room(Documents, DocumentsLength, 10);
        DocumentsLength = VarInt.Write(Documents, DocumentsLength, (uint)(document - _lastDocument));
        DocumentsLength = VarInt.Write(Documents, DocumentsLength, (uint)positions.Length);
        Positions = Room(Positions, PositionsLength, 5 * positions.Length);
        var last = 0;
        foreach (var position in positions)
        {
            PositionsLength = VarInt.Write(Positions, PositionsLength, (uint)(position - last));
            last = position;
        }

        _lastDocument = document;
        DocumentFrequency++;
    }

    private static byte[] Room(byte[] buffer, int used, int needed)
    {
        if (used + needed <= buffer.Length)
        {
            return buffer;
        }

        var grown = new byte[Math.Max(buffer.Length * 2, used + needed)];
        Buffer.BlockCopy(buffer, 0, grown, 0, used);
        return grown;
    }
}
