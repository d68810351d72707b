using Hakiri.Embeddings.Onnx;
using Hakiri.Testing;

namespace Hakiri.Embeddings.Tests.Onnx;

public sealed class LocalModelsTests
{
    private static readonly EmbeddingModel MiniLm = EmbeddingModel.Parse(EmbeddingModel.DefaultLocal);

    [Fact]
    public void Open_NoFilesAnywhere_ThrowsNamingWhereItLooked()
    {
        using var empty = new TempDirectory();

        var error = Assert.Throws<EmbeddingException>(() => LocalModels.Open(MiniLm, _ => null, empty.Path));

        Assert.Contains(Path.Combine(empty.Path, "models", "all-MiniLM-L6-v2"), error.Message, StringComparison.Ordinal);
        Assert.Contains("HAKIRI_MODELS_DIR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ModelsDirVariable_IsLookedAtFirst()
    {
        using var empty = new TempDirectory();
        var models = Path.GetDirectoryName(MiniLmFixture.ModelDirectory)!;

        using var provider = LocalModels.Open(MiniLm, name => name == "HAKIRI_MODELS_DIR" ? models : null, empty.Path);

        Assert.Equal(MiniLm, provider.Model);
    }

    [Fact]
    public void Open_ReleaseBundleLayout_FindsLibModels()
    {
        using var bundle = new TempDirectory();
        var target = bundle.Combine("lib", "models", "all-MiniLM-L6-v2");
        Directory.CreateDirectory(target);
        foreach (var file in (string[])["model.onnx", "vocab.txt"])
        {
            File.CreateSymbolicLink(Path.Combine(target, file), Path.Combine(MiniLmFixture.ModelDirectory, file));
        }

        Directory.CreateDirectory(bundle.Combine("bin"));

        using var provider = LocalModels.Open(MiniLm, _ => null, bundle.Combine("bin"));

        Assert.Equal(MiniLm, provider.Model);
    }

    [Fact]
    public void Open_OpenAiModel_ThrowsNotLocal()
    {
        var error = Assert.Throws<EmbeddingException>(() =>
            LocalModels.Open(EmbeddingModel.Parse("openai-compatible:http://127.0.0.1:1/v1#m")));

        Assert.Contains("not a local model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithOnnx_LocalModel_OpensThroughTheRegistry()
    {
        using var provider = new EmbeddingProviders(_ => null).WithOnnx().Open(MiniLm);

        Assert.Equal(EmbeddingModelKind.Local, provider.Model.Kind);
    }
}
