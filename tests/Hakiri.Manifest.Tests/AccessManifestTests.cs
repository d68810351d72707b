using Hakiri.Model.Manifests;

namespace Hakiri.Manifest.Tests;

/// <summary>The <c>[access]</c> section: what it binds to, and a located error for each malformed part.</summary>
public sealed class AccessManifestTests
{
    private const string Head = "[project]\nname = \"p\"\n[pipelines.t.source]\nconnector = \"file\"\npath = \"data/*.csv\"\n";
    private static readonly string KeyA = "ed25519:" + new string('A', 43);
    private static readonly string KeyB = "ed25519:" + new string('B', 42) + "_";

    public static TheoryData<string, string, int, int, string> Cases => new()
    {
        { "no public key", "[access]\nmax_ttl = \"1h\"\n", 6, 1, "[access] has no 'public_key'" },
        { "bad public key", "[access]\npublic_key = \"rsa:abc\"\n", 7, 14, "write the ed25519:… text 'hakiri key init' printed" },
        { "bad max_ttl", $"[access]\npublic_key = \"{KeyA}\"\nmax_ttl = \"1 hour\"\n", 8, 11, "write a number followed by s, m, h or d" },
        { "bad audit_keys", $"[access]\npublic_key = \"{KeyA}\"\naudit_keys = \"md5\"\n", 8, 14, "must be one of hashed, plain, not 'md5'" },
        { "unknown key", $"[access]\npublic_key = \"{KeyA}\"\nmax_tl = \"1h\"\n", 8, 1, "did you mean 'max_ttl'?" },
        { "retired until", $"[access]\npublic_key = \"{KeyA}\"\nretired_keys = [{{ key = \"{KeyB}\", until = \"tomorrow\" }}]\n", 8, 88, "write a UTC time such as 2026-12-31T00:00:00Z" },
        { "retired is current", $"[access]\npublic_key = \"{KeyA}\"\nretired_keys = [{{ key = \"{KeyA}\", until = \"2026-12-31T00:00:00Z\" }}]\n", 8, 88, "a retired key is also the current public_key" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParseProject_MalformedAccess_ReportsLocatedError(string name, string section, int line, int column, string fragment)
    {
        var result = ManifestLoaderTests.Parse(Head + section);

        Assert.False(result.Succeeded, name);
        var first = result.Diagnostics.First(d => d.IsError);
        Assert.True((line, column) == (first.Line, first.Column), $"{name}: expected {line}:{column}, got {first}");
        Assert.Contains(fragment, first.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseProject_FullAccessSection_Binds()
    {
        var result = ManifestLoaderTests.Parse(Head + $"[access]\npublic_key = \"{KeyA}\"\nmax_ttl = \"8h\"\naudit_keys = \"plain\"\n" +
            $"retired_keys = [\n  {{ key = \"{KeyB}\", until = \"2026-12-31T00:00:00Z\" }},\n]\n");

        Assert.True(result.Succeeded, string.Join(" | ", result.Diagnostics));
        var access = result.Value!.Access!;
        Assert.Equal(KeyA, access.PublicKey);
        Assert.Equal(TimeSpan.FromHours(8), access.MaxTtl);
        Assert.Equal(AuditKeyMode.Plain, access.AuditKeys);
        var retired = Assert.Single(access.RetiredKeys);
        Assert.Equal(KeyB, retired.PublicKey);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero), retired.Until);
    }

    [Fact]
    public void ParseProject_NoAccessSection_OpenStoreWithDefaults()
    {
        var result = ManifestLoaderTests.Parse(Head);

        Assert.True(result.Succeeded);
        Assert.Null(result.Value!.Access);
        Assert.Equal(TimeSpan.FromHours(24), ManifestLoaderTests.Parse(Head + $"[access]\npublic_key = \"{KeyA}\"\n").Value!.Access!.MaxTtl);
    }
}
