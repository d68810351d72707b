namespace Hakiri.Embeddings.Tests.OpenAi;

public sealed class OpenAiCompatibleProviderTests : IAsyncLifetime
{
    private EmbeddingsStandIn _server = null!;

    public async Task InitializeAsync() => _server = await EmbeddingsStandIn.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EmbedAsync_AnswerInReverseOrder_ReturnsVectorsInInputOrder()
    {
        using var provider = Open();

        var vectors = await provider.EmbedAsync(["a", "bb", "ccc"]);

        Assert.Equal([[1f, 'a', 1f], [2f, 'b', 1f], [3f, 'c', 1f]], vectors);
        var (authorization, model, inputs) = Assert.Single(_server.Received);
        Assert.Null(authorization);
        Assert.Equal("bge-small", model);
        Assert.Equal(3, inputs);
    }

    [Fact]
    public async Task EmbedAsync_300Texts_SendsTwoBatches()
    {
        using var provider = Open();
        var texts = Enumerable.Range(0, 300).Select(i => $"text {i}").ToList();

        var vectors = await provider.EmbedAsync(texts);

        Assert.Equal([256, 44], _server.Received.Select(r => r.Inputs));
        Assert.Equal(300, vectors.Length);
        Assert.Equal(texts[299].Length, vectors[299][0]);
        Assert.Equal(2f, vectors[299][2]);
        Assert.Equal(1f, vectors[255][2]);
    }

    [Fact]
    public async Task EmbedAsync_429ThenSuccess_Retries()
    {
        _server.Script(429, """{"error":{"message":"slow down","type":"rate_limit"}}""");
        using var provider = Open();

        var vectors = await provider.EmbedAsync(["hello"]);

        Assert.Equal(2, _server.Received.Count);
        Assert.Equal([5f, 'h', 2f], vectors[0]);
    }

    [Fact]
    public async Task EmbedAsync_503EveryTime_ThrowsAfterThreeAttempts()
    {
        for (var i = 0; i < 3; i++)
        {
            _server.Script(503, """{"error":{"message":"Loading model","code":503}}""");
        }

        using var provider = Open();

        var error = await Assert.ThrowsAsync<EmbeddingException>(() => provider.EmbedAsync(["hello"]));

        Assert.Equal(3, _server.Received.Count);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Contains("Loading model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_EndpointHangsThenAnswers_TimesOutAndRetries()
    {
        _server.Script(EmbeddingsStandIn.Hang, string.Empty);
        using var provider = new OpenAiCompatibleProvider(
            EmbeddingModel.Parse($"openai-compatible:{_server.BaseUrl}#bge-small"), new HttpClient(), apiKey: null,
            timeout: TimeSpan.FromMilliseconds(300), backoff: TimeSpan.FromMilliseconds(1));

        var vectors = await provider.EmbedAsync(["hi"]);

        Assert.Equal(2, _server.Received.Count);
        Assert.Equal([2f, 'h', 2f], vectors[0]);
    }

    [Fact]
    public async Task EmbedAsync_EndpointNeverAnswers_ThrowsSayingItTimedOut()
    {
        for (var i = 0; i < 3; i++)
        {
            _server.Script(EmbeddingsStandIn.Hang, string.Empty);
        }

        using var provider = new OpenAiCompatibleProvider(
            EmbeddingModel.Parse($"openai-compatible:{_server.BaseUrl}#bge-small"), new HttpClient(), apiKey: null,
            timeout: TimeSpan.FromMilliseconds(200), backoff: TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<EmbeddingException>(() => provider.EmbedAsync(["hi"]));

        Assert.Contains("did not answer within", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _server.Received.Count);
    }

    [Fact]
    public async Task EmbedAsync_NothingListening_ThrowsSayingItCouldNotBeReached()
    {
        var model = EmbeddingModel.Parse($"openai-compatible:http://127.0.0.1:{Hakiri.Testing.Loopback.FreePort()}/v1#m");
        using var provider = new OpenAiCompatibleProvider(model, new HttpClient(), apiKey: null, backoff: TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<EmbeddingException>(() => provider.EmbedAsync(["hi"]));

        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_401_ThrowsWithTheEndpointsMessageWithoutRetrying()
    {
        _server.Script(401, """{"error":{"code":401,"message":"Invalid API Key","type":"authentication_error"}}""");
        using var provider = Open();

        var error = await Assert.ThrowsAsync<EmbeddingException>(() => provider.EmbedAsync(["hello"]));

        Assert.Single(_server.Received);
        Assert.Contains("Invalid API Key", error.Message, StringComparison.Ordinal);
        Assert.Contains("HAKIRI_EMBEDDINGS_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains(_server.BaseUrl + "/embeddings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_WrongCount_Throws()
    {
        _server.DropOne = true;
        using var provider = Open();

        var error = await Assert.ThrowsAsync<EmbeddingException>(() => provider.EmbedAsync(["a", "b"]));

        Assert.Contains("returned 1 embeddings for 2 texts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_DimensionsChangeBetweenBatches_Throws()
    {
        _server.WideFromRequest = 2;
        using var provider = Open();

        var error = await Assert.ThrowsAsync<EmbeddingException>(() => provider.EmbedAsync(Enumerable.Repeat("x", 257).ToList()));

        Assert.Contains("3 and 4 dimensions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_NotJson_ThrowsSaying()
    {
        _server.Script(200, "<html>not here</html>");
        using var provider = Open();

        var error = await Assert.ThrowsAsync<EmbeddingException>(() => provider.EmbedAsync(["a"]));

        Assert.Contains("not an embeddings answer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ApiKeyInEnvironment_SendsBearer()
    {
        var model = EmbeddingModel.Parse($"openai-compatible:{_server.BaseUrl}#bge-small");
        var providers = new EmbeddingProviders(name => name == "HAKIRI_EMBEDDINGS_API_KEY" ? "sk-test" : null);
        using var provider = providers.Open(model);

        await provider.EmbedAsync(["a"]);

        Assert.Equal("Bearer sk-test", Assert.Single(_server.Received).Authorization);
    }

    [Fact]
    public async Task EmbedAsync_NoTexts_SendsNothing()
    {
        using var provider = Open();

        Assert.Empty(await provider.EmbedAsync([]));
        Assert.Empty(_server.Received);
    }

    private OpenAiCompatibleProvider Open() =>
        new(EmbeddingModel.Parse($"openai-compatible:{_server.BaseUrl}#bge-small"), new HttpClient(), apiKey: null, backoff: TimeSpan.FromMilliseconds(1));
}
