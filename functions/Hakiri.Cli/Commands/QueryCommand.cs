using System.CommandLine;
using Hakiri.Cli.Output;
using Hakiri.DuckDb;
using Hakiri.Store.Catalog;
using Hakiri.Store.Query;

namespace Hakiri.Cli.Commands;

/// <summary><c>hakiri query "SQL"</c>: SQL over the store's tables by name.</summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var sql = new Argument<string?>("SQL") { Description = "A DuckDB SQL query; the store's tables are available by name.", Arity = ArgumentArity.ZeroOrOne };
        var table = new Option<string?>("--table", "-t") { Description = "Instead of SQL: the table to search (with --search and/or --similar-to)." };
        var search = new Option<string?>("--search", "-s") { Description = "Full-text search over the table's full-text index: words, \"quoted phrases\", prefix*." };
        var similar = new Option<string?>("--similar-to") { Description = "Rank rows by meaning through the table's vector index: text, or a JSON object naming one row ({\"id\": \"…\"})." };
        var filter = new Option<string?>("--filter") { Description = "With --table: column conditions as JSON, as context.query takes them ({\"price\": {\"<=\": 50}})." };
        var limit = new Option<int>("--limit", "-n") { Description = "With --table: most rows to return.", DefaultValueFactory = _ => 10 };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var manifest = ProjectOptions.Manifest();
        var command = new Command("query", "Query the store's tables with SQL (DuckDB dialect), or search a table's indexes (--table with --search / --similar-to).")
        {
            sql, table, search, similar, filter, limit, format, manifest,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var request = new SearchOptions(parse.GetValue(table), parse.GetValue(search), parse.GetValue(similar), parse.GetValue(filter), parse.GetValue(limit));
            if ((parse.GetValue(sql) is null) == (request.Table is null))
            {
                error.WriteLine("error: give either SQL or --table (with --search and/or --similar-to), not both and not neither.");
                return ExitCodes.BadInput;
            }

            using var project = ProjectOptions.Load(parse.GetValue(manifest)!, error);
            if (project is null)
            {
                return ExitCodes.BadInput;
            }

            await project.PrepareForReadingAsync(withData: true, cancellationToken).ConfigureAwait(false);
            if (request.Table is not null)
            {
                return await SearchCommand.RunAsync(project, request, parse.GetValue(format)!, parse.InvocationConfiguration.Output, error, cancellationToken).ConfigureAwait(false);
            }

            using var catalog = CatalogDatabase.Open(project.Layout);
            using var engine = StoreQueryEngine.Open(project.Layout, catalog);
            try
            {
                using var reader = engine.Connection.Query(parse.GetValue(sql)!);
                ResultWriter.Write(reader, parse.GetValue(format)!, parse.InvocationConfiguration.Output);
                return ExitCodes.Ok;
            }
            catch (DuckDbException e)
            {
                var tables = engine.Tables.Count == 0 ? "none yet — run 'hakiri run' first" : string.Join(", ", engine.Tables.Select(t => t.Name));
                error.WriteLine($"error: the query failed: {e.Message.Split('\n')[0]} — tables: {tables}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
