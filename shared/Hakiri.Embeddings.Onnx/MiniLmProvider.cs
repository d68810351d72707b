using Microsoft.ML.OnnxRuntime;

namespace Hakiri.Embeddings.Onnx;

/// <summary>
/// all-MiniLM-L6-v2 in-process: one ONNX Runtime session (its Run is thread-safe), inputs padded to the longest text of
/// each batch of <see cref="BatchSize"/>, mean pooling over the attention mask, then L2 normalisation.
/// </summary>
internal sealed class MiniLmProvider : IEmbeddingProvider
{
    /// <summary>Texts per inference run.</summary>
    public const int BatchSize = 32;

    private readonly InferenceSession _session;
    private readonly WordPieceTokenizer _tokenizer;
    private readonly string _output;
    private readonly bool _wantsTokenTypes;

    /// <summary>Opens the model in <paramref name="directory"/> (model.onnx and vocab.txt).</summary>
    public MiniLmProvider(EmbeddingModel model, string directory)
    {
        Model = model;
        _tokenizer = WordPieceTokenizer.Load(Path.Combine(directory, "vocab.txt"));
        using var options = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, Math.Min(Environment.ProcessorCount, 4)),
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            _session = new InferenceSession(Path.Combine(directory, "model.onnx"), options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new EmbeddingException(
                $"The model {Path.Combine(directory, "model.onnx")} could not be loaded ({e.Message}); reinstall the model files.", e);
        }

        _output = _session.OutputNames.Contains("last_hidden_state") ? "last_hidden_state" : _session.OutputNames[0];
        _wantsTokenTypes = _session.InputNames.Contains("token_type_ids");
    }

    /// <inheritdoc />
    public EmbeddingModel Model { get; }

    /// <inheritdoc />
    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(BatchSize, texts.Count - start);
            var ids = new int[count][];
            for (var i = 0; i < count; i++)
            {
                ids[i] = _tokenizer.Encode(texts[start + i] ?? string.Empty);
            }

            Run(ids, vectors, start);
        }

        return Task.FromResult(vectors);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private void Run(int[][] ids, float[][] vectors, int offset)
    {
        var rows = ids.Length;
        var length = ids.Max(t => t.Length);
        var inputIds = new long[rows * length];
        var mask = new long[rows * length];
        for (var r = 0; r < rows; r++)
        {
            for (var t = 0; t < ids[r].Length; t++)
            {
                inputIds[(r * length) + t] = ids[r][t];
                mask[(r * length) + t] = 1;
            }
        }

        long[] shape = [rows, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[rows * length], shape);
        var names = new List<string> { "input_ids", "attention_mask" };
        var values = new List<OrtValue> { idsValue, maskValue };
        if (_wantsTokenTypes)
        {
            names.Add("token_type_ids");
            values.Add(typesValue);
        }

        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, names, values, [_output]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var dimension = hidden.Length / (rows * length);
        for (var r = 0; r < rows; r++)
        {
            vectors[offset + r] = Pool(hidden.Slice(r * length * dimension, length * dimension), ids[r].Length, dimension);
        }
    }

    // Mean over the real tokens (padding sits after them), then unit length.
    private static float[] Pool(ReadOnlySpan<float> tokens, int real, int dimension)
    {
        var vector = new float[dimension];
        for (var t = 0; t < real; t++)
        {
            var token = tokens.Slice(t * dimension, dimension);
            for (var d = 0; d < dimension; d++)
            {
                vector[d] += token[d];
            }
        }

        var norm = 0.0;
        for (var d = 0; d < dimension; d++)
        {
            vector[d] /= real;
            norm += vector[d] * (double)vector[d];
        }

        var scale = (float)(1 / Math.Max(Math.Sqrt(norm), 1e-12));
        for (var d = 0; d < dimension; d++)
        {
            vector[d] *= scale;
        }

        return vector;
    }
}
