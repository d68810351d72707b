namespace Hakiri.Manifest.Schema;

/// <summary>The shapes of the built-in sources that read other stores: <c>postgres</c> and <c>s3</c>.</summary>
internal static class StoreSourceShapes
{
    public static readonly string[] PostgresModes = ["snapshot", "incremental", "cdc"];

    /// <summary>A PostgreSQL table, optionally schema-qualified, each part an unquoted identifier.</summary>
    public const string PostgresTablePattern = "^[A-Za-z_][A-Za-z0-9_$]{0,62}(\\.[A-Za-z_][A-Za-z0-9_$]{0,62})?$";

    /// <summary>A PostgreSQL identifier (slot, publication, column) that needs no quoting.</summary>
    public const string PostgresNamePattern = "^[a-z_][a-z0-9_]{0,62}$";

    /// <summary>An S3 bucket name.</summary>
    public const string BucketPattern = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";

    public static TableShape Postgres { get; } = new("The built-in postgres connector: one table or read-only query of a PostgreSQL database.",
    [
        Connector("postgres"),
        new FieldShape("dsn_env", new StringShape("The environment variable holding the connection string (postgresql://… or Host=…;…); the manifest never holds it.")
        {
            Pattern = Names.EnvironmentPattern,
            PatternHint = Names.EnvironmentHint,
            Examples = ["ORDERS_DATABASE_URL"],
        }) { Required = true, Example = "dsn_env = \"ORDERS_DATABASE_URL\"" },
        new FieldShape("table", new StringShape("The table to read, as schema.name or name (the search path's schema). Set table or query.")
        {
            Pattern = PostgresTablePattern,
            PatternHint = "write schema.table or table with unquoted identifiers, such as public.orders",
            Examples = ["public.orders"],
        }) { Example = "table = \"public.orders\"" },
        new FieldShape("query", new StringShape("A read-only SELECT to read instead of a table (snapshot and incremental modes); it runs in a READ ONLY transaction."))
        {
            Example = "query = \"SELECT id, total, updated_at FROM orders WHERE region = 'EU'\"",
        },
        new FieldShape("mode", new StringShape("snapshot: the whole table every run; incremental: rows whose cursor_column passed the last run's; cdc: the logical-replication change stream, deletes included.")
        {
            Values = PostgresModes,
            Default = "snapshot",
        }) { Example = "mode = \"incremental\"" },
        new FieldShape("cursor_column", new StringShape("incremental: a column that increases whenever a row changes, such as updated_at (a timestamp or integer).")
        {
            Pattern = PostgresNamePattern,
            PatternHint = "write a lower-case column name such as updated_at",
        }) { Example = "cursor_column = \"updated_at\"" },
        new FieldShape("batch_rows", new IntegerShape("Rows fetched per round trip (one batch in memory).", 100, 1_000_000) { Default = 50_000 })
        {
            Example = "batch_rows = 50000",
        },
        new FieldShape("lag_seconds", new IntegerShape("incremental: how far behind the database clock the cursor stays, for writers that stamp cursor_column with a client clock or clock_timestamp().", 0, 86_400)
        {
            Default = 0,
        }) { Example = "lag_seconds = 5" },
        new FieldShape("slot", new StringShape("cdc: the logical replication slot; created on the first run when missing (default hakiri_<pipeline>).")
        {
            Pattern = PostgresNamePattern,
            PatternHint = "write lower-case letters, digits and underscores, such as hakiri_orders",
        }) { Example = "slot = \"hakiri_orders\"" },
        new FieldShape("publication", new StringShape("cdc: the publication; created for the table on the first run when missing (default hakiri_<pipeline>).")
        {
            Pattern = PostgresNamePattern,
            PatternHint = "write lower-case letters, digits and underscores, such as hakiri_orders",
        }) { Example = "publication = \"hakiri_orders\"" },
    ]);

    public static TableShape S3 { get; } = new("The built-in s3 connector: objects of a bucket under a prefix or matched by a glob, in one format.",
    [
        Connector("s3"),
        new FieldShape("bucket", new StringShape("The bucket.")
        {
            Pattern = BucketPattern,
            PatternHint = "write the bucket's name (lower-case letters, digits, dots and hyphens), not an s3:// URL",
            Examples = ["acme-exports"],
        }) { Required = true, Example = "bucket = \"acme-exports\"" },
        new FieldShape("prefix", new StringShape("The key prefix to read, such as events/2026/ (default: the whole bucket). Set prefix or glob.")
        {
            Pattern = "^[^*?\\[{]*$",
            PatternHint = "a prefix is literal; write a pattern as glob = \"events/**/*.ndjson\" instead",
        }) { Example = "prefix = \"events/2026/\"" },
        new FieldShape("glob", new StringShape("A glob over keys (*, ?, **, [abc], {a,b}), such as events/**/*.ndjson."))
        {
            Example = "glob = \"events/**/*.ndjson\"",
        },
        new FieldShape("format", new StringShape("The objects' format; inferred from the glob's extension when omitted.") { Values = ManifestShapes.FileFormats })
        {
            Example = "format = \"ndjson\"",
        },
        new FieldShape("region", new StringShape("The bucket's region; the environment's (AWS_REGION) when omitted.")
        {
            Pattern = ManifestShapes.AwsRegionPattern,
            PatternHint = "write a region code such as us-east-1 or eu-west-3",
        }) { Example = "region = \"eu-west-1\"" },
        new FieldShape("endpoint_url", new StringShape("An S3-compatible endpoint (MinIO, R2, a local moto_server) instead of AWS.")
        {
            Pattern = Names.HttpUrlPattern,
            PatternHint = "write an http:// or https:// URL such as http://127.0.0.1:9000",
        }) { Example = "endpoint_url = \"http://127.0.0.1:9000\"" },
        new FieldShape("on_error", new StringShape("What to do with a malformed row: fail the run (default) or skip it and report the count.")
        {
            Values = ["fail", "skip"],
            Default = "fail",
        }) { Example = "on_error = \"skip\"" },
    ]);

    private static FieldShape Connector(string name) =>
        new("connector", new StringShape("The connector that reads the source.") { Values = [name] }) { Required = true };
}
