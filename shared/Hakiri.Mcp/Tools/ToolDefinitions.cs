using System.Globalization;
using System.Text.Json;
using Hakiri.Mcp.Query;
using ModelContextProtocol.Protocol;

namespace Hakiri.Mcp.Tools;

/// <summary>The tools as an agent that has never heard of Hakiri first sees them in <c>tools/list</c>.</summary>
internal static class ToolDefinitions
{
    private const string Intro =
        "Hakiri keeps a context store: tables of records that its pipelines copied from files, APIs, SaaS tools and databases, queryable with SQL (DuckDB dialect). ";

    private const string ProvenanceNote =
        "Every stored row also has provenance columns: _hakiri_run_id (the run that wrote it), _hakiri_source (the source file or locator it came from), _hakiri_record (its 1-based record number there) and _hakiri_ingested_at.";

    /// <summary>The tools, with the query caps this server enforces written into the query tool.</summary>
    public static IReadOnlyList<Tool> For(QueryLimits limits) =>
    [
        new Tool
        {
            Name = ToolNames.ListTables,
            Title = "List context tables",
            Description = Intro + "This tool lists every table: its name, what it holds, the pipeline and connector that fill it, its columns with types, row count, last update, and example queries. Call it first, then context.describe for sample rows and context.query to run SQL. " + ProvenanceNote,
            InputSchema = Schema("""{"type":"object","properties":{},"additionalProperties":false}"""),
            Annotations = ReadOnly("List context tables"),
        },
        new Tool
        {
            Name = ToolNames.Describe,
            Title = "Describe a context table",
            Description = Intro + "This tool describes one table: columns with DuckDB types, primary key, row count, source pipeline and connector, example queries, and a few sample rows with their provenance. Use it before writing SQL against a table you have not seen.",
            InputSchema = Schema("""
                {"type":"object","properties":{
                  "table":{"type":"string","description":"The table name, as context.list_tables gives it."},
                  "sample_rows":{"type":"integer","minimum":0,"maximum":20,"default":5,"description":"How many sample rows to include (0-20)."}
                },"required":["table"],"additionalProperties":false}
                """),
            Annotations = ReadOnly("Describe a context table"),
        },
        new Tool
        {
            Name = ToolNames.Query,
            Title = "Query the context store",
            Description = Caps(limits, Intro + """
                This tool runs one read-only query and returns rows as JSON objects. Tables are available by name (see context.list_tables). Either pass 'sql' - exactly one SELECT; WITH, joins, window functions, GROUP BY, FROM-first syntax, DESCRIBE and SUMMARIZE all work - or pass 'table' to read a table without writing SQL. To find rows by wording or meaning, pass 'table' with 'search' (full text, BM25: words, "quoted phrases", prefix*) and/or 'similar_to' (text whose meaning to match, or an object naming one row, e.g. {"product_id": "p-4"}, to find rows like it) on a table whose context.describe lists indexes; rows then come ranked with _score (and _bm25, _similarity) and the answer's "search" object says which plan ran. Narrow either with 'filter' ({"column": value} for equality, {"column": {">=": value}} for comparisons with =, !=, >, >=, <, <=, like, ilike, in, not_in, is_null; a list for IN; null for IS NULL), sort with 'order_by' (with 'table'), and cap with 'limit' (default {{DEFAULT}}, max {{MAX}}). Anything but a single SELECT is refused: no INSERT, UPDATE, DELETE, CREATE, DROP, COPY, ATTACH, SET, PRAGMA, INSTALL, LOAD, CALL, EXPORT, transaction control or multiple statements, and no file outside the store can be read. Results are capped in rows, bytes and time: a capped result has "truncated": true and a "note". Rows that keep the _hakiri_* columns (e.g. SELECT *) carry "_provenance": the table, connector, run, source and record they came from; "sources" lists the tables the query read. Timestamps are returned as text, UTC.
                """),
            InputSchema = Schema(Caps(limits, """
                {"type":"object","properties":{
                  "sql":{"type":"string","description":"One read-only SELECT in DuckDB SQL, e.g. SELECT status, count(*) AS n FROM orders GROUP BY status. Exactly one statement."},
                  "table":{"type":"string","description":"Instead of 'sql': a table to read, optionally narrowed by 'filter' and sorted by 'order_by'."},
                  "filter":{"type":"object","description":"Column conditions, all of which must hold: {\"status\": \"shipped\", \"amount\": {\">=\": 10}, \"customer_id\": [\"c-1\", \"c-2\"], \"note\": null}. With 'sql' it applies to the query's result columns.","additionalProperties":true},
                  "search":{"type":"string","description":"With 'table': full-text search over the table's full-text index (BM25). Words (any may match; more matches rank higher), \"quoted phrases\", prefix* terms."},
                  "similar_to":{"description":"With 'table': rank rows by meaning through the table's vector index. Text (embedded with the index's model), or an object naming exactly one row by its columns, e.g. {\"product_id\": \"p-4\"}, to find rows like it.","anyOf":[{"type":"string"},{"type":"object"}]},
                  "order_by":{"type":"array","items":{"type":"string"},"description":"With 'table': columns to sort by, each optionally followed by ' desc', e.g. [\"ordered_at desc\"]."},
                  "limit":{"type":"integer","minimum":1,"maximum":{{MAX}},"default":{{DEFAULT}},"description":"Most rows to return."}
                },"additionalProperties":false}
                """)),
            Annotations = ReadOnly("Query the context store"),
        },
    ];

    private static string Caps(QueryLimits limits, string text) => text
        .Replace("{{DEFAULT}}", limits.DefaultRows.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{{MAX}}", limits.MaxRows.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static ToolAnnotations ReadOnly(string title) => new()
    {
        Title = title,
        ReadOnlyHint = true,
        DestructiveHint = false,
        IdempotentHint = true,
        OpenWorldHint = false,
    };

    private static JsonElement Schema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
