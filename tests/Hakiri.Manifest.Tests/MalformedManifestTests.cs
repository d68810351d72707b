namespace Hakiri.Manifest.Tests;

/// <summary>Each malformed manifest gives one located, actionable error (and the manifest does not load).</summary>
public sealed class MalformedManifestTests
{
    private const string Project = "[project]\nname = \"p\"\n";
    private const string Source = "[pipelines.t.source]\nconnector = \"file\"\npath = \"data/*.csv\"\n";

    public static TheoryData<string, string, int, int, string> Cases => new()
    {
        { "bad TOML: missing value", "[project]\nname =\n", 2, 7, "" },
        { "bad TOML: unclosed header", "[project\nname = \"p\"\n", 1, 9, "" },
        { "bad TOML: duplicate key", Project + "name = \"q\"\n" + Source, 3, 1, "" },
        { "no project", Source, 1, 1, "the manifest has no 'project' — add [project] with name = \"my-project\"" },
        { "no name", "[project]\n" + Source, 1, 1, "[project] has no 'name'" },
        { "no pipelines", Project, 1, 1, "the manifest has no 'pipelines'" },
        { "empty pipelines", Project + "[pipelines]\n", 3, 1, "[pipelines] declares nothing" },
        { "missing source", Project + "[pipelines.t]\nschedule = \"rate(1 day)\"\n", 3, 1, "[pipelines.t] has no 'source' — add [pipelines.t.source]" },
        { "source not a table", Project + "[pipelines.t]\nsource = \"file\"\n", 4, 10, "'source' in [pipelines.t] must be a table, not a string" },
        { "no connector", Project + "[pipelines.t.source]\npath = \"x.csv\"\n", 3, 1, "has no 'connector'" },
        { "unknown connector", Project + "[pipelines.t.source]\nconnector = \"fil\"\npath = \"x.csv\"\n", 4, 13, "unknown connector 'fil' in [pipelines.t.source] — did you mean 'file'?" },
        { "no path", Project + "[pipelines.t.source]\nconnector = \"file\"\n", 3, 1, "[pipelines.t.source] has no 'path'" },
        { "unknown root key", "colour = 1\n" + Project + Source, 1, 1, "unknown key 'colour' in the manifest" },
        { "unknown project key", "[project]\nname = \"p\"\nstroe = \"x\"\n" + Source, 3, 1, "unknown key 'stroe' in [project] — did you mean 'store'?" },
        { "unknown pipeline key", Project + "[pipelines.t]\nprimary_keys = [\"id\"]\n" + Source, 4, 1, "did you mean 'primary_key'?" },
        { "unknown source key", Project + Source + "formt = \"csv\"\n", 6, 1, "did you mean 'format'?" },
        { "wrong type: name", "[project]\nname = 42\n" + Source, 2, 8, "'name' in [project] must be a string, not an integer" },
        { "wrong type: primary_key", Project + "[pipelines.t]\nprimary_key = \"id\"\n" + Source, 4, 15, "'primary_key' in [pipelines.t] must be an array of strings, not a string — write it as primary_key = [\"id\"]" },
        { "wrong item type", Project + "[pipelines.t]\nprimary_key = [\"id\", 2]\n" + Source, 4, 22, "item 2 of 'primary_key' in [pipelines.t] must be a string, not an integer" },
        { "empty primary_key", Project + "[pipelines.t]\nprimary_key = []\n" + Source, 4, 15, "must list at least 1 item" },
        { "duplicate key column", Project + "[pipelines.t]\nprimary_key = [\"a\", \"a\"]\n" + Source, 4, 21, "'a' appears more than once" },
        { "bad column name", Project + "[pipelines.t]\nprimary_key = [\"order id\"]\n" + Source, 4, 16, "is not valid: 'order id'" },
        { "bad format", Project + Source + "format = \"tsv\"\n", 6, 10, "must be one of csv, ndjson, json, parquet, not 'tsv'" },
        { "format not inferable", Project + "[pipelines.t.source]\nconnector = \"file\"\npath = \"data/*.txt\"\n", 5, 8, "cannot tell the format of 'data/*.txt'" },
        { "bad glob: bracket", Project + "[pipelines.t.source]\nconnector = \"file\"\npath = \"data/[ab.csv\"\n", 5, 14, "'[' has no closing ']'" },
        { "bad glob: double star", Project + "[pipelines.t.source]\nconnector = \"file\"\npath = \"data/**.csv\"\n", 5, 14, "'**' must be a whole path segment" },
        { "bad glob: brace", Project + "[pipelines.t.source]\nconnector = \"file\"\npath = \"data/{a,b.csv\"\n", 5, 14, "'{' has no closing '}'" },
        { "bad glob: empty", Project + "[pipelines.t.source]\nconnector = \"file\"\npath = \"\"\n", 5, 9, "the path is empty" },
        { "bad glob: directory", Project + "[pipelines.t.source]\nconnector = \"file\"\npath = \"data/\"\n", 5, 13, "names a directory" },
        { "bad glob: reversed range", Project + "[pipelines.t.source]\nconnector = \"file\"\npath = \"data/[z-a].csv\"\n", 5, 15, "the range 'z-a' is reversed" },
        { "bad schedule word", Project + "[pipelines.t]\nschedule = \"hourly\"\n" + Source, 4, 12, "'schedule' in [pipelines.t] is not valid: 'hourly'" },
        { "bad rate unit", Project + "[pipelines.t]\nschedule = \"rate(5 weeks)\"\n" + Source, 4, 20, "'weeks' is not a rate unit" },
        { "bad rate number", Project + "[pipelines.t]\nschedule = \"rate(0 minutes)\"\n" + Source, 4, 18, "not a positive whole number" },
        { "rate plural", Project + "[pipelines.t]\nschedule = \"rate(1 hours)\"\n" + Source, 4, 20, "write rate(1 hour)" },
        { "cron five fields", Project + "[pipelines.t]\nschedule = \"cron(0 12 * * ?)\"\n" + Source, 4, 18, "cron has 5 fields, not 6" },
        { "cron bad minute", Project + "[pipelines.t]\nschedule = \"cron(61 12 * * ? *)\"\n" + Source, 4, 18, "'61' is not valid in the minutes field" },
        { "cron bad month", Project + "[pipelines.t]\nschedule = \"cron(0 12 * FOO ? *)\"\n" + Source, 4, 25, "'FOO' is not valid in the month field" },
        { "cron two wildcards", Project + "[pipelines.t]\nschedule = \"cron(0 12 * * * *)\"\n" + Source, 4, 27, "'?' in exactly one of day-of-month and day-of-week" },
        { "wrong type: schedule", Project + "[pipelines.t]\nschedule = 60\n" + Source, 4, 12, "'schedule' in [pipelines.t] must be a string, not an integer — write it as schedule = \"rate(1 hour)\"" },
        { "duplicate table", Project + Source + "[pipelines.u]\ntable = \"T\"\n[pipelines.u.source]\nconnector = \"file\"\npath = \"x.csv\"\n", 7, 9, "pipeline 'u' writes table 'T', which pipeline 't' already writes (at 3:12)" },
        { "bad pipeline name", Project + "[pipelines.\"my pipe\".source]\nconnector = \"file\"\npath = \"x.csv\"\n", 3, 12, "the name 'my pipe' in [pipelines] is not valid" },
        { "hyphenated name without table", Project + "[pipelines.my-pipe.source]\nconnector = \"file\"\npath = \"x.csv\"\n", 3, 12, "add table = \"my_pipe\" under [pipelines.my-pipe]" },
        { "bad table name", Project + "[pipelines.t]\ntable = \"1st\"\n" + Source, 4, 9, "'table' in [pipelines.t] is not valid: '1st'" },
        { "bad project name", "[project]\nname = \"my project\"\n" + Source, 2, 8, "'name' in [project] is not valid" },
        { "bad store scheme", "[project]\nname = \"p\"\nstore = \"gs://b/p\"\n" + Source, 3, 9, "store scheme 'gs://' is not supported" },
        { "bad bucket", "[project]\nname = \"p\"\nstore = \"s3://Bad_Bucket/p\"\n" + Source, 3, 15, "'Bad_Bucket' is not a valid S3 bucket name" },
        { "bad container: upper case", "[project]\nname = \"p\"\nstore = \"azblob://Store/p\"\n" + Source, 3, 19, "'Store' is not a valid Azure Blob container name" },
        { "bad container: double hyphen", "[project]\nname = \"p\"\nstore = \"azblob://my--store\"\n" + Source, 3, 19, "'my--store' is not a valid Azure Blob container name" },
        { "bad container: too short", "[project]\nname = \"p\"\nstore = \"azblob://ab/p\"\n" + Source, 3, 19, "container names are 3-63 characters" },
        { "empty store", "[project]\nname = \"p\"\nstore = \"\"\n" + Source, 3, 9, "store is empty" },
        { "pipelines as array of tables", Project + "[[pipelines]]\nname = \"t\"\n", 3, 1, "'pipelines' in the manifest must be a table, not an array" },
        { "vector dimensions range", Project + Source + "[pipelines.t.indexes.vector]\ncolumn = \"e\"\ndimensions = 0\n", 8, 14, "must be between 1 and 16000, not 0" },
        { "bad metric", Project + Source + "[pipelines.t.indexes.vector]\ncolumn = \"e\"\ndimensions = 3\nmetric = \"cosin\"\n", 9, 10, "did you mean 'cosine'?" },
        { "fts not array", Project + Source + "[pipelines.t.indexes]\nfts = \"body\"\n", 7, 7, "'fts' in [pipelines.t.indexes] must be an array of strings" },
        { "deploy: unknown key", Project + Source + "[deploy.aws]\nmemory = 512\n", 7, 1, "unknown key 'memory' in [deploy.aws] — allowed keys are: region, memory_mb" },
        { "deploy: memory too small", Project + Source + "[deploy.aws]\nmemory_mb = 64\n", 7, 13, "'memory_mb' in [deploy.aws] must be between 128 and 10240, not 64" },
        { "deploy: timeout too long", Project + Source + "[deploy.aws]\ntimeout_seconds = 3600\n", 7, 19, "must be between 1 and 900, not 3600" },
        { "deploy: bad region", Project + Source + "[deploy.aws]\nregion = \"Europe\"\n", 7, 10, "write a region code such as us-east-1" },
        { "deploy: bad auth", Project + Source + "[deploy.aws]\nmcp_auth = \"public\"\n", 7, 12, "must be one of aws_iam, none, not 'public'" },
        { "deploy: bad retention", Project + Source + "[deploy.aws]\nlog_retention_days = 31\n", 7, 22, "log_retention_days = 31 is not a retention period CloudWatch Logs offers — use one of 1, 3, 5, 7, 14, 30" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParseProject_Malformed_ReportsLocatedError(string name, string toml, int line, int column, string fragment)
    {
        var result = ManifestLoaderTests.Parse(toml);

        Assert.False(result.Succeeded, name);
        var errors = result.Diagnostics.Where(d => d.IsError).ToArray();
        var first = errors[0];
        Assert.True((line, column) == (first.Line, first.Column), $"{name}: expected {line}:{column}, got {string.Join(" | ", errors)}");
        Assert.Contains(fragment, first.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("hakiri.toml:", first.ToString(), StringComparison.Ordinal);
    }
}
