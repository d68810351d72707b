using System.Security.Cryptography;
using System.Text;
using Hakiri.DuckDb;
using Hakiri.Embeddings;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Search.Vectors;
using Hakiri.Steps.Errors;

namespace Hakiri.Steps.Indexing;

/// <summary>
/// Builds the vector sidecar of one data file. Text is embedded in bounded batches; a text whose SHA-256 a previous
/// segment of the same model already embedded reuses that vector, so compaction and upserts re-embed only new text.
/// </summary>
internal sealed class VectorBuilder(VectorIndexManifest spec, IEmbeddingProvider? provider, VectorReuse reuse, Action<string>? progress)
{
    private const int BatchSize = 64;

    public long Embedded { get; private set; }

    public long Reused { get; private set; }

    public async Task<(long Rows, long Bytes)> BuildAsync(DuckDbConnection reader, DuckDbConnection scratch, string dataFile, string directory, string table,
        CancellationToken cancellationToken)
    {
        var rows = spec.Model is null ? Stored(reader, dataFile, table) : await EmbedAsync(reader, dataFile, table, cancellationToken).ConfigureAwait(false);
        var dimensions = rows.Count > 0 ? rows[0].Vector.Length : Math.Max(spec.Dimensions, 1);
        var stats = VectorSegmentWriter.Write(directory, rows, dimensions, spec.Metric, spec.Model ?? "column:" + spec.Column, scratch);
        return (stats.Vectors, stats.Bytes);
    }

    private List<VectorRow> Stored(DuckDbConnection reader, string dataFile, string table)
    {
        var rows = new List<VectorRow>();
        foreach (var (row, vector) in DataFileReader.Vectors(reader, dataFile, spec.Column))
        {
            if (vector is null)
            {
                continue;
            }

            if (vector.Length != spec.Dimensions)
            {
                throw new StepFailedException(StepErrors.Permanent,
                    $"Column '{spec.Column}' of table '{table}' holds a vector of {vector.Length} numbers where the vector index says dimensions = {spec.Dimensions}; fix dimensions in the manifest or the data.");
            }

            rows.Add(new VectorRow(row, null, vector));
        }

        return rows;
    }

    private async Task<List<VectorRow>> EmbedAsync(DuckDbConnection reader, string dataFile, string table, CancellationToken cancellationToken)
    {
        var rows = new List<VectorRow>();
        var pending = new List<(long Row, string Hash, string Text)>(BatchSize);
        foreach (var (row, values) in DataFileReader.Text(reader, dataFile, [spec.Column]))
        {
            var text = values[0];
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            if (reuse.TryGet(hash) is { } known)
            {
                rows.Add(new VectorRow(row, hash, known));
                Reused++;
                continue;
            }

            pending.Add((row, hash, text));
            if (pending.Count == BatchSize)
            {
                await FlushAsync(pending, rows, table, cancellationToken).ConfigureAwait(false);
            }
        }

        await FlushAsync(pending, rows, table, cancellationToken).ConfigureAwait(false);
        rows.Sort((a, b) => a.Row.CompareTo(b.Row));
        return rows;
    }

    private async Task FlushAsync(List<(long Row, string Hash, string Text)> pending, List<VectorRow> rows, string table, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var embedder = provider ?? throw new InvalidOperationException("A model-embedded vector index needs a provider.");
        float[][] vectors;
        try
        {
            vectors = await embedder.EmbedAsync(pending.Select(p => p.Text).ToArray(), cancellationToken).ConfigureAwait(false);
        }
        catch (EmbeddingException e)
        {
            throw new StepFailedException(StepErrors.Transient, $"Embedding '{spec.Column}' of table '{table}' with {spec.Model} failed: {e.Message} The data is committed; run again to build the index.", e);
        }

        for (var i = 0; i < pending.Count; i++)
        {
            rows.Add(new VectorRow(pending[i].Row, pending[i].Hash, vectors[i]));
            reuse.Add(pending[i].Hash, vectors[i]);
        }

        Embedded += pending.Count;
        if (progress is not null && Embedded % (BatchSize * 16) < pending.Count)
        {
            progress($"index: embedded {Embedded:N0} rows of {table} ({Reused:N0} reused)");
        }

        pending.Clear();
    }
}
