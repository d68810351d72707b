namespace Hakiri.Manifest.Tests;

/// <summary>Each malformed postgres source gives a located, actionable error (and the manifest does not load).</summary>
public sealed class MalformedPostgresSourceTests
{
    private const string Project = "[project]\nname = \"p\"\n";
    private const string Postgres = Project + "[pipelines.t.source]\nconnector = \"postgres\"\ndsn_env = \"PG_URL\"\n";

    public static TheoryData<string, string, int, int, string> Cases => new()
    {
        { "no dsn_env", Project + "[pipelines.t.source]\nconnector = \"postgres\"\ntable = \"orders\"\n", 3, 1, "has no 'dsn_env'" },
        { "dsn in the manifest", Postgres.Replace("\"PG_URL\"", "\"postgresql://u:p@h/db\"", StringComparison.Ordinal) + "table = \"orders\"\n", 5, 11, "'dsn_env'" },
        { "neither table nor query", Postgres, 3, 1, "names neither a table nor a query" },
        { "table and query", Postgres + "table = \"orders\"\nquery = \"SELECT 1 AS id\"\n", 7, 9, "sets both table and query" },
        { "quoted table name", Postgres + "table = \"public.\\\"Orders\\\"\"\n", 6, 9, "unquoted identifiers" },
        { "incremental without cursor", Postgres + "table = \"orders\"\nmode = \"incremental\"\n", 7, 8, "needs the column that increases" },
        { "unknown mode", Postgres + "table = \"orders\"\nmode = \"full\"\n", 7, 8, "snapshot, incremental, cdc" },
        { "batch_rows too small", Postgres + "table = \"orders\"\nbatch_rows = 10\n", 7, 14, "batch_rows" },
        { "misspelt key", Postgres + "table = \"orders\"\ncursor_colum = \"updated_at\"\n", 7, 1, "did you mean 'cursor_column'?" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParseProject_MalformedPostgresSource_ReportsLocatedError(string name, string toml, int line, int column, string fragment)
    {
        var result = ManifestLoaderTests.Parse(toml);

        Assert.False(result.Succeeded, name);
        var errors = result.Diagnostics.Where(d => d.IsError).ToArray();
        var error = errors.FirstOrDefault(d => (d.Line, d.Column) == (line, column));
        Assert.True(error is not null, $"{name}: expected an error at {line}:{column}, got {string.Join(" | ", errors)}");
        Assert.True(error.ToString().Contains(fragment, StringComparison.Ordinal), $"{name}: expected '{fragment}' in {error}");
    }

    [Fact]
    public void ParseProject_QueryWithPrimaryKeyAndIncrementalMode_Loads()
    {
        var result = ManifestLoaderTests.Parse(Project + "[pipelines.t]\nprimary_key = [\"id\"]\n[pipelines.t.source]\nconnector = \"postgres\"\ndsn_env = \"PG_URL\"\n"
            + "query = \"SELECT id, total, updated_at FROM orders WHERE region = 'EU'\"\nmode = \"incremental\"\ncursor_column = \"updated_at\"\nlag_seconds = 5\n");

        Assert.True(result.Succeeded, string.Join(" | ", result.Diagnostics));
        var source = Assert.IsType<Model.Manifests.PostgresSourceManifest>(result.Value!.Pipelines[0].Source);
        Assert.Equal((Model.Manifests.PostgresReadMode.Incremental, "updated_at", 5, 50_000), (source.Mode, source.CursorColumn, source.LagSeconds, source.BatchRows));
    }
}
