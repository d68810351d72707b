using Apache.Arrow;
using Apache.Arrow.Types;

namespace Hakiri.Search.FullText;

/// <summary>The sidecar's Parquet contents as Arrow batches, decoded from a built segment a batch at a time.</summary>
internal static class ParquetBatches
{
    private const int BatchRows = 65_536;

    public static readonly Schema TermsSchema = new Schema.Builder()
        .Field(f => f.Name("term").DataType(StringType.Default).Nullable(false))
        .Field(f => f.Name("df").DataType(Int32Type.Default).Nullable(false))
        .Build();

    public static readonly Schema PostingsSchema = new Schema.Builder()
        .Field(f => f.Name("term").DataType(StringType.Default).Nullable(false))
        .Field(f => f.Name("row").DataType(Int64Type.Default).Nullable(false))
        .Field(f => f.Name("tf").DataType(Int32Type.Default).Nullable(false))
        .Field(f => f.Name("positions").DataType(new ListType(Int32Type.Default)).Nullable(false))
        .Build();

    public static readonly Schema DocumentsSchema = new Schema.Builder()
        .Field(f => f.Name("row").DataType(Int64Type.Default).Nullable(false))
        .Field(f => f.Name("length").DataType(Int32Type.Default).Nullable(false))
        .Build();

    public static IEnumerable<RecordBatch> Terms(TermPostings[] terms)
    {
        for (var start = 0; start < terms.Length; start += BatchRows)
        {
            var count = Math.Min(BatchRows, terms.Length - start);
            var names = new StringArray.Builder();
            var frequencies = new Int32Array.Builder();
            for (var i = start; i < start + count; i++)
            {
                names.Append(terms[i].Term);
                frequencies.Append(terms[i].DocumentFrequency);
            }

            yield return new RecordBatch(TermsSchema, [names.Build(), frequencies.Build()], count);
        }
    }

    public static IEnumerable<RecordBatch> Documents(long[] rows, int[] lengths)
    {
        for (var start = 0; start < rows.Length; start += BatchRows)
        {
            var count = Math.Min(BatchRows, rows.Length - start);
            var rowArray = new Int64Array.Builder().AppendRange(rows.AsSpan(start, count).ToArray()).Build();
            var lengthArray = new Int32Array.Builder().AppendRange(lengths.AsSpan(start, count).ToArray()).Build();
            yield return new RecordBatch(DocumentsSchema, [rowArray, lengthArray], count);
        }
    }

    public static IEnumerable<RecordBatch> Postings(TermPostings[] terms, long[] rows)
    {
        var batch = new PostingsBatch();
        foreach (var term in terms)
        {
            var documents = term.Documents;
            var positions = term.Positions;
            int documentOffset = 0, positionOffset = 0, document = -1;
            while (documentOffset < term.DocumentsLength)
            {
                document += (int)VarInt.Read(documents, ref documentOffset);
                var tf = (int)VarInt.Read(documents, ref documentOffset);
                batch.Start(term.Term, rows[document], tf);
                var position = 0;
                for (var p = 0; p < tf; p++)
                {
                    position += (int)VarInt.Read(positions, ref positionOffset);
                    batch.Position(position);
                }

                if (batch.Count == BatchRows)
                {
                    yield return batch.Build();
                    batch = new PostingsBatch();
                }
            }
        }

        if (batch.Count > 0)
        {
            yield return batch.Build();
        }
    }

    private sealed class PostingsBatch
    {
        private readonly StringArray.Builder _terms = new();
        private readonly Int64Array.Builder _rows = new();
        private readonly Int32Array.Builder _tfs = new();
        private readonly ListArray.Builder _positions = new(Int32Type.Default);

        public int Count { get; private set; }

        public void Start(string term, long row, int tf)
        {
            _terms.Append(term);
            _rows.Append(row);
            _tfs.Append(tf);
            _positions.Append();
            Count++;
        }

        public void Position(int position) => ((Int32Array.Builder)_positions.ValueBuilder).Append(position);

        public RecordBatch Build() =>
            new(PostingsSchema, [_terms.Build(), _rows.Build(), _tfs.Build(), _positions.Build()], Count);
    }
}
