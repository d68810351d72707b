namespace Hakiri.Embeddings.Tests;

public sealed class EmbeddingModelTests
{
    private static readonly int OpenAiPrefixLength = EmbeddingModel.OpenAiCompatiblePrefix.Length;

    [Theory]
    [InlineData("all-MiniLM-L6-v2")]
    [InlineData("sentence-transformers/all-MiniLM-L6-v2")]
    [InlineData(" ALL-minilm-l6-v2 ")]
    public void Parse_LocalNames_GiveTheCanonicalLocalModel(string text)
    {
        var model = EmbeddingModel.Parse(text);

        Assert.Equal(new EmbeddingModel("all-MiniLM-L6-v2", EmbeddingModelKind.Local, null, "all-MiniLM-L6-v2"), model);
    }

    [Theory]
    [InlineData("openai-compatible:http://127.0.0.1:8080/v1#bge-small", "openai-compatible:http://127.0.0.1:8080/v1#bge-small")]
    [InlineData("openai-compatible:https://api.openai.com/v1/#text-embedding-3-small", "openai-compatible:https://api.openai.com/v1#text-embedding-3-small")]
    [InlineData("openai-compatible:http://localhost:11434/v1#nomic-embed-text:v1.5", "openai-compatible:http://localhost:11434/v1#nomic-embed-text:v1.5")]
    public void Parse_OpenAiCompatible_GivesCanonicalId(string text, string id)
    {
        var model = EmbeddingModel.Parse(text);

        Assert.Equal(id, model.Id);
        Assert.Equal(EmbeddingModelKind.OpenAiCompatible, model.Kind);
        Assert.Equal(id[(id.LastIndexOf('#') + 1)..], model.Name);
        Assert.Equal(id[OpenAiPrefixLength..id.LastIndexOf('#')], model.Endpoint!.AbsoluteUri.TrimEnd('/'));
        Assert.Equal(model, EmbeddingModel.Parse(model.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bge-small")]
    [InlineData("openai-compatible:http://127.0.0.1:8080/v1")]
    [InlineData("openai-compatible:http://127.0.0.1:8080/v1#")]
    [InlineData("openai-compatible:ftp://host/v1#m")]
    [InlineData("openai-compatible:not a url#m")]
    public void Parse_NotAModel_ThrowsSayingWhatIsAccepted(string text)
    {
        var error = Assert.Throws<FormatException>(() => EmbeddingModel.Parse(text));

        Assert.Contains("all-MiniLM-L6-v2", error.Message, StringComparison.Ordinal);
        Assert.Contains("openai-compatible:", error.Message, StringComparison.Ordinal);
        Assert.False(EmbeddingModel.TryParse(text, out _));
    }

    [Fact]
    public void Open_LocalWithoutFactory_ThrowsSayingWhy()
    {
        var providers = new EmbeddingProviders(_ => null);

        var error = Assert.Throws<EmbeddingException>(() => providers.Open(EmbeddingModel.Parse("all-MiniLM-L6-v2")));

        Assert.Contains("cannot run in this host", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_LocalWithFactory_UsesTheFactory()
    {
        EmbeddingModel? asked = null;
        var providers = new EmbeddingProviders(_ => null).WithLocal(m =>
        {
            asked = m;
            throw new EmbeddingException("factory called");
        });

        Assert.Throws<EmbeddingException>(() => providers.Open(EmbeddingModel.Parse("all-MiniLM-L6-v2")));
        Assert.Equal("all-MiniLM-L6-v2", asked?.Id);
    }
}
