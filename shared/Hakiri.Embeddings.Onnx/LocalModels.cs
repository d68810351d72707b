using Hakiri.Embeddings;

namespace Hakiri.Embeddings.Onnx;

/// <summary>Local models run through ONNX Runtime (OWNED BY THE EMBEDDINGS HELPER: public members are the contract).</summary>
public static class LocalModels
{
    /// <summary>The variable naming a folder that holds <c>all-MiniLM-L6-v2/model.onnx</c> and <c>vocab.txt</c>.</summary>
    public const string ModelsDirectoryVariable = "HAKIRI_MODELS_DIR";

    /// <summary>
    /// Opens a local model, finding its files in <c>HAKIRI_MODELS_DIR</c>, then <c>models/</c> beside the running
    /// program, then <c>../lib/models/</c> relative to it (the release bundle).
    /// </summary>
    /// <exception cref="EmbeddingException">Unknown local model or its files are missing.</exception>
    public static IEmbeddingProvider Open(EmbeddingModel model) =>
        Open(model, Environment.GetEnvironmentVariable, AppContext.BaseDirectory);

    /// <summary>Adds the ONNX local models to <paramref name="providers"/>.</summary>
    public static EmbeddingProviders WithOnnx(this EmbeddingProviders providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        return providers.WithLocal(Open);
    }

    /// <summary>Opens a local model looking for its files through <paramref name="environment"/> and <paramref name="baseDirectory"/>.</summary>
    internal static IEmbeddingProvider Open(EmbeddingModel model, Func<string, string?> environment, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Kind != EmbeddingModelKind.Local || model.Name != EmbeddingModel.DefaultLocal)
        {
            throw new EmbeddingException(
                $"The model {model.Id} is not a local model; the local models are {EmbeddingModel.DefaultLocal}.");
        }

        var searched = Candidates(environment, baseDirectory).ToList();
        foreach (var root in searched)
        {
            var directory = Path.Combine(root, model.Name);
            if (File.Exists(Path.Combine(directory, "model.onnx")) && File.Exists(Path.Combine(directory, "vocab.txt")))
            {
                return new MiniLmProvider(model, directory);
            }
        }

        throw new EmbeddingException(
            $"The files of the local model {model.Name} (model.onnx, vocab.txt) are in none of {string.Join(", ", searched.Select(s => Path.Combine(s, model.Name)))}; "
            + $"set {ModelsDirectoryVariable} to a folder holding {model.Name}/ or reinstall hakiri with its lib/models folder.");
    }

    private static IEnumerable<string> Candidates(Func<string, string?> environment, string baseDirectory)
    {
        var configured = environment(ModelsDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            yield return Path.GetFullPath(configured);
        }

        yield return Path.GetFullPath(Path.Combine(baseDirectory, "models"));
        yield return Path.GetFullPath(Path.Combine(baseDirectory, "..", "lib", "models"));
    }
}
