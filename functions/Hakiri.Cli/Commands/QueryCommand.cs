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
        var sql = new Argument<string>("SQL") { Description = "A DuckDB SQL query; the store's tables are available by name." };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var manifest = ProjectOptions.Manifest();
        var command = new Command("query", "Query the store's tables with SQL (DuckDB dialect).") { sql, format, manifest };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            using var project = ProjectOptions.Load(parse.GetValue(manifest)!, error);
            if (project is null)
            {
                return ExitCodes.BadInput;
            }

            await project.PrepareForReadingAsync(withData: true, cancellationToken).ConfigureAwait(false);
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
