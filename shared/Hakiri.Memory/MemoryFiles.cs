using Hakiri.DuckDb;
using Hakiri.Store;

namespace Hakiri.Memory;

/// <summary>The memory table's Parquet files: one small file per write, rewritten without rows on deletion.</summary>
internal static class MemoryFiles
{
    private const string Insert = """
        INSERT INTO memory_row VALUES ($1, $2, from_json($3, '["VARCHAR"]'), $4, $5, $6, $7, $8, $9, $10, 1, $11)
        """;

    /// <summary>Writes one row to <paramref name="target"/> (absolute), with the columns of <see cref="MemoryTable.Columns"/>.</summary>
    public static void WriteRow(DuckDbConnection connection, string target, MemoryRow row, string tagsJson, DateTimeOffset ingestedAt)
    {
        var columns = string.Join(", ", MemoryTable.Columns.Select(c => $"\"{c.Name}\" {c.Type}"));
        connection.Execute($"CREATE OR REPLACE TEMP TABLE memory_row ({columns})");
        using (var insert = connection.Prepare(Insert))
        {
            insert.Bind(1, row.Id).Bind(2, row.Text).Bind(3, tagsJson).Bind(4, row.Writer.Agent).Bind(5, row.Writer.Host).Bind(6, row.Writer.OnBehalfOf)
                .Bind(7, row.Writer.TaskId).Bind(8, row.CreatedAt).Bind(9, row.RunId).Bind(10, row.Source).Bind(11, ingestedAt);
            insert.Execute();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        connection.Execute($"COPY memory_row TO {Sql.Literal(target)} {Sql.ParquetOptions}");
        connection.Execute("DROP TABLE memory_row");
    }

    /// <summary>The id and agent of every row of <paramref name="files"/> (absolute) that <paramref name="where"/> selects, with its file.</summary>
    public static List<(string Id, string Agent, string File)> Matching(DuckDbConnection connection, IReadOnlyList<string> files, string where)
    {
        var found = new List<(string, string, string)>();
        if (files.Count == 0)
        {
            return found;
        }

        using var reader = connection.Query($"SELECT id, agent, filename FROM read_parquet({Sql.List(files)}, filename = true) WHERE {where} ORDER BY id");
        while (reader.Read())
        {
            found.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return found;
    }

    /// <summary>Copies the rows of <paramref name="sources"/> that <paramref name="keep"/> selects into <paramref name="target"/>; none: no file.</summary>
    public static long CopyKept(DuckDbConnection connection, IReadOnlyList<string> sources, string keep, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var rows = connection.Execute(
            $"COPY (SELECT * FROM read_parquet({Sql.List(sources)}) WHERE {keep} ORDER BY created_at, id) TO {Sql.Literal(target)} {Sql.ParquetOptions}");
        if (rows == 0)
        {
            File.Delete(target);
        }

        return rows;
    }

    /// <summary>Deletes store files after a commit made them unreferenced; a failure leaves an orphan the janitor removes.</summary>
    public static void DeleteQuietly(StoreLayout layout, IEnumerable<string> relativePaths)
    {
        foreach (var path in relativePaths)
        {
            var absolute = layout.Absolute(path);
            try
            {
                if (Directory.Exists(absolute))
                {
                    Directory.Delete(absolute, recursive: true);
                }
                else
                {
                    File.Delete(absolute);
                }

                var parent = Path.GetDirectoryName(absolute);
                if (parent is not null && Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any())
                {
                    Directory.Delete(parent);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
