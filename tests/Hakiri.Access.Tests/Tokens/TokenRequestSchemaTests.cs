using System.Text.Json;
using Hakiri.Access.Policy;
using Hakiri.Access.Tokens;
using Hakiri.Testing;
using Json.Schema;

namespace Hakiri.Access.Tests.Tokens;

public sealed class TokenRequestSchemaTests
{
    private const string Sample = """
        {
          "subject": { "agent": "analyst", "host": "laptop-7", "on_behalf_of": "ana@example.com", "task_id": "t-1" },
          "actions": ["read", "write:memory"],
          "tables": ["customers", "sales_*"],
          "filters": ["customers: region = \"EU\" AND owner = $on_behalf_of", "sales_*: amount < 1000"],
          "redact": ["customers.email", "*.phone"],
          "ttl": "1h"
        }
        """;

    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(RepoPaths.Of("docs", "schemas", "token-request.schema.json")));

    [Fact]
    public void Evaluate_Sample_ValidAndIssuable()
    {
        using var sample = JsonDocument.Parse(Sample);

        Assert.True(Schema.Evaluate(sample.RootElement).IsValid);
        using var kit = new TokenKit();
        var root = sample.RootElement;
        var subject = root.GetProperty("subject");
        var request = new TokenRequest(
            new Subject(subject.GetProperty("agent").GetString()!, subject.GetProperty("host").GetString(), subject.GetProperty("on_behalf_of").GetString(), subject.GetProperty("task_id").GetString()),
            Strings(root, "actions"), Strings(root, "tables"), Strings(root, "filters"), Strings(root, "redact"), TimeSpan.FromHours(1));
        var grant = kit.Verify(kit.Issue(request)).Resolve("sales_2026")!;
        Assert.Equal("amount < 1000", Assert.Single(grant.Filters).Text);
        Assert.Equal(["phone"], grant.Redact);
    }

    [Theory]
    [InlineData("\"agent\": \"analyst\",", "")]
    [InlineData("\"tables\": [\"customers\", \"sales_*\"]", "\"tables\": []")]
    [InlineData("\"tables\": [\"customers\", \"sales_*\"]", "\"tables\": [\"cust omers\"]")]
    [InlineData("\"customers.email\"", "\"email\"")]
    [InlineData("\"sales_*: amount < 1000\"", "\"amount < 1000\"")]
    [InlineData("\"ttl\": \"1h\"", "\"ttl\": \"1 hour\"")]
    [InlineData("\"actions\": [\"read\", \"write:memory\"]", "\"actions\": [\"READ\"]")]
    [InlineData("\"ttl\": \"1h\"", "\"ttl\": \"1h\", \"admin\": true")]
    public void Evaluate_BrokenSample_Invalid(string part, string replacement)
    {
        Assert.Contains(part, Sample, StringComparison.Ordinal);
        using var sample = JsonDocument.Parse(Sample.Replace(part, replacement, StringComparison.Ordinal));

        Assert.False(Schema.Evaluate(sample.RootElement).IsValid);
    }

    private static string[] Strings(JsonElement root, string name) => [.. root.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
}
