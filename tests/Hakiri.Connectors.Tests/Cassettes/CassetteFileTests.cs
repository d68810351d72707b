using Hakiri.Connectors.Cassettes;
using Hakiri.Testing;

namespace Hakiri.Connectors.Tests.Cassettes;

public sealed class CassetteFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Load_InvalidJson_ThrowsNamingPathLineAndColumn()
    {
        var path = _temp.Write("cassette.json", "{\n  \"version\": 1,\n  \"interactions\": [,]\n}\n");

        var error = Assert.Throws<CassetteFileException>(() => Cassette.Load(path));

        Assert.Equal((3L, 20L), (error.Line, error.Column));
        Assert.StartsWith($"{path}:3:20: the cassette is not valid at $.interactions", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; fix the file or re-record it with `hakiri run --record PIPELINE`.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingUrl_ThrowsNamingProperty()
    {
        var path = _temp.Write("cassette.json", """
            {"version": 1, "recorded_at": "2025-01-01T00:00:00Z", "interactions": [
              {"request": {"method": "GET"}, "response": {"status": 200}}
            ]}
            """);

        var error = Assert.Throws<CassetteFileException>(() => Cassette.Load(path));

        Assert.Contains("url", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{path}:2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BothBodies_ThrowsNamingInteraction()
    {
        var path = _temp.Write("cassette.json", """
            {"version": 1, "recorded_at": "2025-01-01T00:00:00Z", "interactions": [
              {"request": {"method": "GET", "url": "https://x.test/"}, "response": {"status": 200, "body": "a", "body_base64": "YQ=="}}
            ]}
            """);

        var error = Assert.Throws<CassetteFileException>(() => Cassette.Load(path));

        Assert.Equal($"{path}: in $.interactions[0], response.body and body_base64 are both set (keep one); fix the file or re-record it with `hakiri run --record PIPELINE`.", error.Message);
    }

    [Fact]
    public void Load_OtherVersion_ThrowsNamingVersions()
    {
        var path = _temp.Write("cassette.json", """{"version": 2, "recorded_at": "2025-01-01T00:00:00Z", "interactions": []}""");

        var error = Assert.Throws<CassetteFileException>(() => Cassette.Load(path));

        Assert.Contains("version 2 but this Hakiri reads version 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsWithAdvice()
    {
        var path = _temp.Combine("nope", "cassette.json");

        var error = Assert.Throws<CassetteFileException>(() => Cassette.Load(path));

        Assert.Equal($"No cassette at {path}; record one with `hakiri run --record PIPELINE` or pass --cassette FILE.", error.Message);
    }

    [Fact]
    public void Save_ThenLoad_RoundTrips()
    {
        var path = _temp.Combine("a", "b", "cassette.json");
        var cassette = new Cassette(1, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), [new CassetteInteraction(
            new CassetteRequest("GET", "https://x.test/?a=1", new Dictionary<string, string> { ["Accept"] = "*/*" }),
            new CassetteResponse(200, new Dictionary<string, string> { ["Link"] = "<https://x.test/?a=2>; rel=\"next\"" }, "{\"a\":\"ü\"}"))]);

        cassette.Save(path);
        var loaded = Cassette.Load(path);

        Assert.Equal(cassette.RecordedAt, loaded.RecordedAt);
        Assert.Equal(cassette.Interactions[0].Response.Headers, loaded.Interactions[0].Response.Headers);
        Assert.Equal("{\"a\":\"ü\"}", loaded.Interactions[0].Response.Body);
        Assert.Contains("\"Link\": \"<https://x.test/?a=2>; rel=\\\"next\\\"\"", File.ReadAllText(path), StringComparison.Ordinal);
    }
}
