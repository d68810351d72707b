using Hakiri.Connectors.Cassettes;

namespace Hakiri.Connectors.Tests.Cassettes;

public sealed class RedactorTests
{
    [Fact]
    public void Redact_SecretQueryParameterByName_ReplacesOnlyItsValue()
    {
        var redactor = new Redactor([], ["api_key"]);

        Assert.Equal(
            "<https://x.test/a?page=2&API_KEY=[redacted]>; rel=\"next\", <https://x.test/a?api_key=[redacted]&page=9>; rel=\"last\"",
            redactor.Redact("<https://x.test/a?page=2&API_KEY=anything>; rel=\"next\", <https://x.test/a?api_key=other&page=9>; rel=\"last\""));
        Assert.Equal("https://x.test/a?my_api_key=1", redactor.Redact("https://x.test/a?my_api_key=1"));
    }

    [Fact]
    public void Redact_SecretValueRawOrUrlEncoded_Replaced()
    {
        var redactor = new Redactor(["p@ss word", null, ""]);

        Assert.Equal("https://x.test/[redacted]/?q=[redacted]", redactor.Redact("https://x.test/p@ss word/?q=p%40ss%20word"));
        Assert.Equal("{\"token\":\"[redacted]\"}", redactor.Redact("{\"token\":\"p@ss word\"}"));
    }

    [Fact]
    public void RedactHeader_AuthorizationAndNamedHeaders_AlwaysPlaceholder()
    {
        var redactor = Redactor.FromEnvironment(["UNSET"], _ => null, secretHeaders: ["X-Api-Key"]);

        Assert.Equal(Redactor.Placeholder, redactor.RedactHeader("authorization", "Bearer abc"));
        Assert.Equal(Redactor.Placeholder, redactor.RedactHeader("Proxy-Authorization", "Basic abc"));
        Assert.Equal(Redactor.Placeholder, redactor.RedactHeader("x-api-key", "abc"));
        Assert.Equal("application/json", redactor.RedactHeader("Accept", "application/json"));
    }

    [Fact]
    public void Redact_SecretInBinaryBody_Replaced()
    {
        var redactor = new Redactor(["tok"]);

        Assert.Equal("a[redacted]b[redacted]"u8.ToArray(), redactor.Redact("atokbtok"u8.ToArray()));
    }
}
