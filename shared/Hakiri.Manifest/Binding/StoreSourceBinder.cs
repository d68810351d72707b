using System.Text.RegularExpressions;
using Hakiri.Manifest.Globs;
using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;
using Hakiri.Toml;

namespace Hakiri.Manifest.Binding;

/// <summary>Reads <c>connector = "postgres"</c> and <c>"s3"</c> sources; keys, types, ranges and patterns were already checked against the shape.</summary>
internal static partial class StoreSourceBinder
{
    public static PostgresSourceManifest? BindPostgres(TomlTable table, string pipeline, DiagnosticBag diagnostics)
    {
        var tableNode = TomlRead.StringNode(table, "table");
        var queryNode = TomlRead.StringNode(table, "query");
        var mode = TomlRead.String(table, "mode") switch
        {
            "incremental" => PostgresReadMode.Incremental,
            "cdc" => PostgresReadMode.Cdc,
            _ => PostgresReadMode.Snapshot,
        };
        var at = $"[pipelines.{pipeline}.source]";
        if (tableNode is not null && queryNode is not null)
        {
            diagnostics.Error(queryNode.Position.Line, queryNode.Position.Column, $"{at} sets both table and query", "keep one: table = \"schema.name\" or query = \"SELECT …\"");
        }
        else if (tableNode is null && queryNode is null)
        {
            diagnostics.Error(table.Position.Line, table.Position.Column, $"{at} names neither a table nor a query to read",
                "add table = \"public.orders\" (or query = \"SELECT … FROM …\")");
        }

        if (queryNode is not null)
        {
            CheckQuery(queryNode, at, diagnostics);
            if (mode == PostgresReadMode.Cdc)
            {
                diagnostics.Error(queryNode.Position.Line, queryNode.Position.Column, $"{at}: mode = \"cdc\" reads a table's change stream and cannot read a query",
                    "name the table with table = \"schema.name\", or use mode = \"incremental\" with the query");
            }
        }

        var cursorColumn = TomlRead.StringNode(table, "cursor_column");
        if (mode == PostgresReadMode.Incremental && cursorColumn is null)
        {
            var modeNode = TomlRead.StringNode(table, "mode")!;
            diagnostics.Error(modeNode.Position.Line, modeNode.Position.Column, $"{at}: mode = \"incremental\" needs the column that increases when a row changes",
                "add cursor_column = \"updated_at\" (a timestamp or integer column)");
        }
        else if (mode != PostgresReadMode.Incremental && cursorColumn is not null)
        {
            diagnostics.Warning(cursorColumn.Position.Line, cursorColumn.Position.Column, $"{at}: cursor_column is only read in mode = \"incremental\"",
                "remove it, or set mode = \"incremental\"");
        }

        foreach (var key in new[] { "slot", "publication" })
        {
            if (mode != PostgresReadMode.Cdc && TomlRead.StringNode(table, key) is { } node)
            {
                diagnostics.Warning(node.Position.Line, node.Position.Column, $"{at}: {key} is only read in mode = \"cdc\"", $"remove it, or set mode = \"cdc\"");
            }
        }

        if (TomlRead.String(table, "dsn_env") is not { } dsnEnv)
        {
            return null;
        }

        return new PostgresSourceManifest(
            dsnEnv,
            tableNode?.Value,
            queryNode?.Value,
            mode,
            cursorColumn?.Value,
            (int)(TomlRead.Integer(table, "batch_rows") ?? PostgresSourceManifest.DefaultBatchRows),
            (int)(TomlRead.Integer(table, "lag_seconds") ?? 0),
            TomlRead.String(table, "slot"),
            TomlRead.String(table, "publication"));
    }

    public static S3SourceManifest? BindS3(TomlTable table, string pipeline, DiagnosticBag diagnostics)
    {
        var at = $"[pipelines.{pipeline}.source]";
        var prefixNode = TomlRead.StringNode(table, "prefix");
        var globNode = TomlRead.StringNode(table, "glob");
        var prefix = prefixNode?.Value ?? string.Empty;
        if (prefixNode is not null && globNode is not null)
        {
            diagnostics.Error(globNode.Position.Line, globNode.Position.Column, $"{at} sets both prefix and glob",
                "keep one: the glob's literal start is its prefix (glob = \"events/2026/**/*.ndjson\")");
        }

        if (globNode is not null)
        {
            var glob = GlobPattern.TryParse(globNode.Value, out var error);
            if (glob is null)
            {
                var inside = TomlRead.Inside(globNode, error!.Offset);
                diagnostics.Error(inside.Line, inside.Column, $"glob '{globNode.Value}' of pipeline '{pipeline}' is not a valid glob: {error.Message}",
                    "use *, ?, ** (a whole segment), [abc] and {a,b}; escape a literal character with \\");
            }
            else
            {
                prefix = glob.BaseDirectory is "" or "." ? string.Empty : glob.BaseDirectory.TrimEnd('/') + "/";
            }
        }

        if (prefix.StartsWith('/'))
        {
            diagnostics.Error(prefixNode!.Position.Line, prefixNode.Position.Column, $"prefix '{prefix}' of pipeline '{pipeline}' starts with /, which no S3 key does",
                $"write prefix = \"{prefix.TrimStart('/')}\"");
        }

        var formatText = TomlRead.String(table, "format");
        var format = formatText switch
        {
            "csv" => FileFormat.Csv,
            "ndjson" => FileFormat.Ndjson,
            "json" => FileFormat.Json,
            "parquet" => FileFormat.Parquet,
            _ => InferFormat(globNode?.Value),
        };
        if (format is null && formatText is null)
        {
            var node = globNode ?? prefixNode;
            var (line, column) = node is null ? (table.Position.Line, table.Position.Column) : (node.Position.Line, node.Position.Column);
            diagnostics.Error(line, column, $"{at} does not say the objects' format",
                "add format = \"ndjson\" (or csv, json, parquet)");
        }

        if (TomlRead.String(table, "bucket") is not { } bucket || format is null)
        {
            return null;
        }

        return new S3SourceManifest(
            bucket,
            prefix,
            globNode?.Value,
            format.Value,
            TomlRead.String(table, "region"),
            TomlRead.String(table, "endpoint_url"),
            TomlRead.String(table, "on_error") == "skip" ? OnErrorPolicy.Skip : OnErrorPolicy.Fail);
    }

    private static FileFormat? InferFormat(string? glob) => Path.GetExtension(glob ?? string.Empty).ToLowerInvariant() switch
    {
        ".csv" => FileFormat.Csv,
        ".ndjson" or ".jsonl" => FileFormat.Ndjson,
        ".json" => FileFormat.Json,
        ".parquet" => FileFormat.Parquet,
        _ => null,
    };

    // The READ ONLY transaction the connector opens is the real guard; this catches what is plainly not one read.
    private static void CheckQuery(TomlString query, string at, DiagnosticBag diagnostics)
    {
        var text = query.Value.Trim().TrimEnd(';').TrimEnd();
        if (!ReadStatement().IsMatch(text))
        {
            diagnostics.Error(query.Position.Line, query.Position.Column, $"{at}: query must be one read-only SELECT (or WITH … SELECT)",
                "write a SELECT; Hakiri runs it in a READ ONLY transaction and pages it by the pipeline's primary_key");
            return;
        }

        var semicolon = IndexOfSemicolonOutsideQuotes(text);
        if (semicolon >= 0)
        {
            var inside = TomlRead.Inside(query, query.Value.IndexOf(text, StringComparison.Ordinal) + semicolon);
            diagnostics.Error(inside.Line, inside.Column, $"{at}: query holds more than one statement",
                "keep a single SELECT; the part after ';' would run in the same read-only transaction");
        }
    }

    private static int IndexOfSemicolonOutsideQuotes(string text)
    {
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == ';')
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"^(?is)(select|with|values|table)\b")]
    private static partial Regex ReadStatement();
}
