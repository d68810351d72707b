namespace Hakiri.Manifest.Schema;

/// <summary>The shape of <c>hakiri.toml</c>.</summary>
internal static class ManifestShapes
{
    public static readonly string[] FileFormats = ["csv", "ndjson", "json", "parquet"];

    public static readonly string[] VectorMetrics = ["cosine", "l2", "inner_product"];

    public static readonly string[] RedactModes = ["drop", "hash"];

    public static readonly string[] TextAnalyzers = ["english", "simple"];

    /// <summary>An AWS region code: partition prefix, area and number (us-east-1, us-gov-west-1, cn-north-1, eu-central-2).</summary>
    public const string AwsRegionPattern = "^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$";

    public static TableShape Root { get; } = Build();

    private static TableShape Build()
    {
        var project = new TableShape("The project: its name and where its context store lives.",
        [
            new FieldShape("name", new StringShape("The project's name; deployed stacks and resources are named after it.")
            {
                Pattern = Names.ProjectPattern,
                PatternHint = "use letters, digits and hyphens, starting with a letter (at most 64 characters)",
            }) { Required = true, Example = "name = \"my-project\"" },
            new FieldShape("description", new StringShape("What the project's store holds, shown to agents.")),
            new FieldShape("store", new StringShape("Where the context store lives: a directory (relative to the manifest), s3://bucket/prefix or azblob://container/prefix.")
            {
                Default = ".hakiri",
            }) { Example = "store = \".hakiri\"" },
            new FieldShape("remote", new StringShape("The bucket 'hakiri sync' shares the local store through, so several installs work on one project: s3://bucket/prefix or azblob://container/prefix.")
            {
                Examples = ["s3://team-bucket/shop", "azblob://team-container/shop"],
            }) { Example = "remote = \"s3://team-bucket/shop\"" },
        ]);

        var fileSource = new TableShape("The built-in file connector: local files matched by a glob.",
        [
            new FieldShape("connector", new StringShape("The connector that reads the source.") { Values = ["file"] }) { Required = true },
            new FieldShape("path", new StringShape("A glob relative to the manifest (*, ?, **, [abc], {a,b}) naming the files to read."))
            {
                Required = true,
                Example = "path = \"data/*.csv\"",
            },
            new FieldShape("format", new StringShape("The files' format; inferred from the path's extension when omitted.") { Values = FileFormats })
            {
                Example = "format = \"csv\"",
            },
            new FieldShape("on_error", new StringShape("What to do with a malformed row: fail the run (default) or skip it and report the count.")
            {
                Values = ["fail", "skip"],
                Default = "fail",
            }) { Example = "on_error = \"skip\"" },
        ]);

        var source = new UnionShape("Where the pipeline's records come from; `connector` selects the connector.", "connector",
            new Dictionary<string, TableShape>(StringComparer.Ordinal)
            {
                ["file"] = fileSource,
                ["http"] = HttpShapes.Http,
                ["github"] = HttpShapes.GitHub,
                ["postgres"] = StoreSourceShapes.Postgres,
                ["s3"] = StoreSourceShapes.S3,
            })
        {
            Open = ConnectorsShapes.Source,
        };

        var column = new StringShape("A column name.")
        {
            Pattern = Names.ColumnPattern,
            PatternHint = "use letters, digits and underscores, starting with a letter or underscore",
        };

        var vector = new TableShape("A vector index over one column: a text column embedded by a model, or a column that already holds embeddings.",
        [
            new FieldShape("column", column with { Description = "The indexed column: text to embed (with model), or a list of floats (with dimensions)." }) { Required = true, Example = "column = \"body\"" },
            new FieldShape("model", new StringShape("The embedding model for a text column: all-MiniLM-L6-v2 (local, offline) or openai-compatible:<base URL>#<model name>.")
            {
                Pattern = @"^(all-MiniLM-L6-v2|sentence-transformers/all-MiniLM-L6-v2|openai-compatible:https?://[^#\s]+#\S+)$",
                PatternHint = "write model = \"all-MiniLM-L6-v2\" or model = \"openai-compatible:http://127.0.0.1:8080/v1#<model name>\"",
            }) { Example = "model = \"all-MiniLM-L6-v2\"" },
            new FieldShape("dimensions", new IntegerShape("For a column that already holds embeddings: the number of floats in each.", 1, 16_000)) { Example = "dimensions = 384" },
            new FieldShape("metric", new StringShape("The distance metric.") { Values = VectorMetrics, Default = "cosine" }),
        ]);

        var ftsColumns = new ArrayShape("Text columns to index for full-text search.", column) { MinItems = 1, UniqueItems = true };
        var fts = new ArrayOrTableShape(
            "A full-text index (BM25): a list of text columns, or a table with columns and analyzer.",
            ftsColumns,
            new TableShape("A full-text index and how it analyzes text.",
            [
                new FieldShape("columns", ftsColumns) { Required = true, Example = "columns = [\"title\", \"body\"]" },
                new FieldShape("analyzer", new StringShape("english: word boundaries, lower-case, stop words and possessives removed, Porter stems; simple: words lower-cased as written.")
                {
                    Values = TextAnalyzers,
                    Default = "english",
                }) { Example = "analyzer = \"simple\"" },
            ]));

        var indexes = new TableShape("Sidecar indexes the index step builds beside the table's Parquet (rebuildable; the Parquet stays canonical).",
        [
            new FieldShape("fts", fts) { Example = "fts = { columns = [\"title\", \"body\"], analyzer = \"english\" }" },
            new FieldShape("vector", vector) { Example = "vector = { column = \"body\", model = \"all-MiniLM-L6-v2\" }" },
        ]);

        var agentDescription = new TableShape("What agents are told about the table, as a new hire would be: its purpose, example queries, what its columns mean.",
        [
            new FieldShape("text", new StringShape("Natural language about the table: what it is for, how its rows relate to other tables, what to watch for.")),
            new FieldShape("examples", new ArrayShape("Example queries, each a SQL statement or a context.query call in words, optionally with a -- comment.",
                new StringShape("An example query."))) { Example = "examples = [\"SELECT * FROM tickets WHERE status = 'open' -- open tickets\"]" },
            new FieldShape("columns", new DictionaryShape("Column name to what it means.", new StringShape("What the column means.")))
            {
                Example = "columns = { body = \"The customer's first message, verbatim\" }",
            },
        ]);

        var redactColumns = new ArrayShape("Top-level columns whose values never reach the store.", column) { MinItems = 1, UniqueItems = true };
        var redact = new ArrayOrTableShape(
            "Columns kept out of the store's Parquet files: a list (dropped), or a table with columns and mode (drop, or hash: HMAC-SHA256 under HAKIRI_REDACTION_SALT).",
            redactColumns,
            new TableShape("Redacted columns and what happens to them.",
            [
                new FieldShape("columns", redactColumns) { Required = true, Example = "columns = [\"email\", \"phone\"]" },
                new FieldShape("mode", new StringShape("drop: the column is absent; hash: lower-case hex HMAC-SHA256(salt, value text), so joins still work.")
                {
                    Values = RedactModes,
                    Default = "drop",
                }) { Example = "mode = \"hash\"" },
            ]));

        var zones = new ArrayShape("Inference zones the data may be served to: local:device, on-prem:<name>, private-cloud:<name>, public-cloud:<name>, or <kind>:* for any name of a kind.",
            new StringShape("An inference zone or <kind>:*.")
            {
                Pattern = Names.ZoneEntryPattern,
                PatternHint = Names.ZoneHint,
                Examples = ["local:device", "on-prem:*", "private-cloud:acme"],
            }) { MinItems = 1, UniqueItems = true };
        var columnSettings = new TableShape("What the manifest says about one column: where its values may be served and its tags.",
        [
            new FieldShape("inference_zone_allowed", zones with { Description = "Inference zones the column's values may be served to; elsewhere it reads as NULL, with a note." })
            {
                Example = "inference_zone_allowed = [\"on-prem:*\"]",
            },
            new FieldShape("tags", new ArrayShape("Labels for the column; phi (protected health information) limits a column without its own inference_zone_allowed to local:device and on-prem:*.",
                new StringShape("A tag.") { Pattern = "^[a-z][a-z0-9_-]{0,62}$", PatternHint = "use lowercase letters, digits, '_' and '-', starting with a letter" }) { UniqueItems = true })
            {
                Example = "tags = [\"phi\"]",
            },
        ]);
        var columnMap = new MapShape("Settings for single columns, keyed by column name.", columnSettings, Names.ColumnPattern,
            "use letters, digits and underscores, starting with a letter or underscore");

        var pipeline = new TableShape("A pipeline: one source landed into one table of the store.",
        [
            new FieldShape("description", new StringShape("What the table holds, written for an agent that has never seen it.")),
            new FieldShape("schedule", new StringShape("When the deployed pipeline runs, as an EventBridge expression: rate(5 minutes) or cron(0 12 * * ? *).")
            {
                Pattern = @"^(rate|cron)\(.*\)$",
                PatternHint = "write rate(<number> <minute|minutes|hour|hours|day|days>) or cron(<6 fields>)",
            }) { Example = "schedule = \"rate(1 hour)\"" },
            new FieldShape("primary_key", new ArrayShape("Columns that identify a row; a changed row replaces the old one.", column) { MinItems = 1, UniqueItems = true })
            {
                Example = "primary_key = [\"id\"]",
            },
            new FieldShape("table", new StringShape("The store table to write; defaults to the pipeline's name.")
            {
                Pattern = Names.TablePattern,
                PatternHint = "use letters, digits and underscores, starting with a letter or underscore (at most 63 characters)",
            }) { Example = "table = \"orders\"" },
            new FieldShape("source", source) { Required = true, Example = "[pipelines.<name>.source] with connector = \"file\" and path = \"data/*.csv\" (or connector = \"http\", \"github\", \"postgres\", \"s3\", or a [connectors.<name>])" },
            new FieldShape("indexes", indexes),
            new FieldShape("redact", redact) { Example = "redact = [\"email\", \"phone\"]" },
            new FieldShape("agent_description", agentDescription) { Example = "[pipelines.<name>.agent_description] with text, examples and columns" },
            new FieldShape("inference_zone_allowed", zones with { Description = "Inference zones the table's rows may be served to; elsewhere its rows are withheld, with a note. Absent: any zone." })
            {
                Example = "inference_zone_allowed = [\"local:device\", \"on-prem:*\"]",
            },
            new FieldShape("columns", columnMap) { Example = "[pipelines.<name>.columns.diagnosis] with tags = [\"phi\"]" },
        ]);

        var pipelines = new MapShape("The pipelines, keyed by name.", pipeline, Names.PipelinePattern,
            "use letters, digits, underscores and hyphens, starting with a letter or underscore")
        {
            MinEntries = 1,
        };

        var aws = new TableShape("How `hakiri deploy aws` sizes and exposes the project; every field has a default.",
        [
            new FieldShape("region", new StringShape("The AWS region to deploy to; --region and then AWS_REGION apply when omitted.")
            {
                Pattern = AwsRegionPattern,
                PatternHint = "write a region code such as us-east-1 or eu-west-3",
            }) { Example = "region = \"eu-west-1\"" },
            new FieldShape("memory_mb", new IntegerShape("Memory of each step function, in MB.", 128, 10_240) { Default = 1024 }) { Example = "memory_mb = 2048" },
            new FieldShape("timeout_seconds", new IntegerShape("Timeout of each step function, in seconds.", 1, 900) { Default = 900 }) { Example = "timeout_seconds = 300" },
            new FieldShape("log_retention_days", new IntegerShape("How long the functions' logs are kept, in days (a CloudWatch Logs retention period).", 1, 3653)
            {
                Default = 30,
            }) { Example = "log_retention_days = 90" },
            new FieldShape("mcp_auth", new StringShape("Who may call the MCP function URL: callers signing with AWS IAM (aws_iam), or anyone who has the URL (none).")
            {
                Values = ["aws_iam", "none"],
                Default = "aws_iam",
            }) { Example = "mcp_auth = \"aws_iam\"" },
            new FieldShape("secrets", new DictionaryShape(
                "Environment variables the step functions read at run time from SSM Parameter Store (ssm:/name) or Secrets Manager (secretsmanager:name); the role may read exactly these.",
                new StringShape("Where the value lives.")
                {
                    Pattern = "^(ssm:/[A-Za-z0-9_.\\-/]+|secretsmanager:[A-Za-z0-9/_+=.@:-]+)$",
                    PatternHint = "write ssm:/path/to/parameter or secretsmanager:secret-name",
                    Examples = ["ssm:/hakiri/prod/orders-dsn"],
                })
            {
                KeyPattern = Names.EnvironmentPattern,
                KeyHint = "a key is the environment variable the source reads, such as ORDERS_DATABASE_URL",
            }) { Example = "secrets = { ORDERS_DATABASE_URL = \"ssm:/hakiri/prod/orders-dsn\" }" },
            new FieldShape("vpc", new TableShape("Runs the step functions inside a VPC so they reach a private database; they then need a NAT gateway or VPC endpoints for S3, Step Functions and SSM.",
            [
                new FieldShape("subnet_ids", new ArrayShape("Private subnets, in two or more availability zones.", new StringShape("A subnet id.")
                {
                    Pattern = "^subnet-[0-9a-f]{8,17}$",
                    PatternHint = "write a subnet id such as subnet-0a1b2c3d",
                }) { MinItems = 1, UniqueItems = true }) { Required = true, Example = "subnet_ids = [\"subnet-0a1b2c3d\", \"subnet-4e5f6a7b\"]" },
                new FieldShape("security_group_ids", new ArrayShape("Security groups the database admits.", new StringShape("A security group id.")
                {
                    Pattern = "^sg-[0-9a-f]{8,17}$",
                    PatternHint = "write a security group id such as sg-0a1b2c3d",
                }) { MinItems = 1, UniqueItems = true }) { Required = true, Example = "security_group_ids = [\"sg-0a1b2c3d\"]" },
            ])) { Example = "[deploy.aws.vpc] with subnet_ids and security_group_ids" },
        ]);

        var deploy = new TableShape("Deployment settings per cloud.",
        [
            new FieldShape("aws", aws) { Example = "[deploy.aws] with memory_mb = 2048" },
        ]);

        return new TableShape("A Hakiri project manifest (hakiri.toml).",
        [
            new FieldShape("project", project) { Required = true, Example = "[project] with name = \"my-project\"" },
            new FieldShape("connectors", ConnectorsShapes.Connectors) { Example = "[connectors.<name>] with path = \"connectors/<name>\"" },
            new FieldShape("pipelines", pipelines) { Required = true, Example = "[pipelines.<name>] with a [pipelines.<name>.source] table" },
            new FieldShape("deploy", deploy) { Example = "[deploy.aws] with region = \"eu-west-1\"" },
            new FieldShape("access", AccessShapes.Access) { Example = "[access] with public_key = \"ed25519:…\" (hakiri key init writes it)" },
            new FieldShape("memory", new TableShape("Agent memory (the store's memory table, written through memory.write): always indexed for full text.",
            [
                new FieldShape("model", new StringShape("The embedding model of memory's vector index, so memory.search takes similar_to text: all-MiniLM-L6-v2 (local, offline) or openai-compatible:<base URL>#<model name>.")
                {
                    Pattern = @"^(all-MiniLM-L6-v2|sentence-transformers/all-MiniLM-L6-v2|openai-compatible:https?://[^#\s]+#\S+)$",
                    PatternHint = "write model = \"all-MiniLM-L6-v2\" or model = \"openai-compatible:http://127.0.0.1:8080/v1#<model name>\"",
                }) { Example = "model = \"all-MiniLM-L6-v2\"" },
            ])) { Example = "[memory] with model = \"all-MiniLM-L6-v2\"" },
        ]);
    }
}
