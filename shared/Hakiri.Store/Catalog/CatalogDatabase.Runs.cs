using Microsoft.Data.Sqlite;

namespace Hakiri.Store.Catalog;

public sealed partial class CatalogDatabase
{
    /// <summary>Records the start of a run.</summary>
    public void BeginRun(string runId, string project, IReadOnlyList<string> pipelines)
    {
        using var command = Command(
            "INSERT INTO runs(run_id, project, pipelines, status, started_at) VALUES ($id, $project, $pipelines, 'running', $now)",
            null, ("$id", runId), ("$project", project), ("$pipelines", ToJson(pipelines)), ("$now", Now()));
        command.ExecuteNonQuery();
    }

    /// <summary>Records the end of a run.</summary>
    public void FinishRun(string runId, bool succeeded, string? error)
    {
        using var command = Command(
            "UPDATE runs SET status = $status, finished_at = $now, error = $error WHERE run_id = $id",
            null, ("$id", runId), ("$status", succeeded ? "succeeded" : "failed"), ("$now", Now()), ("$error", error));
        command.ExecuteNonQuery();
    }

    /// <summary>Records the hash of the state machine definition a run executes.</summary>
    public void SetRunDefinition(string runId, string sha256)
    {
        using var command = Command("UPDATE runs SET definition_sha256 = $sha WHERE run_id = $id", null, ("$id", runId), ("$sha", sha256));
        command.ExecuteNonQuery();
    }

    /// <summary>Marks runs left <c>running</c> by a process that died as failed; returns their ids.</summary>
    /// <remarks>Call only while holding the store lock, when no other run can be in progress.</remarks>
    public IReadOnlyList<string> AbandonInterruptedRuns()
    {
        var ids = new List<string>();
        using (var select = Command("SELECT run_id FROM runs WHERE status = 'running'", null))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }

        using var update = Command(
            "UPDATE runs SET status = 'failed', finished_at = $now, error = 'interrupted: the process stopped before the run finished; re-running recovered it' WHERE status = 'running'",
            null, ("$now", Now()));
        update.ExecuteNonQuery();
        return ids;
    }

    /// <summary>The most recent runs, newest first.</summary>
    public IReadOnlyList<RunRecord> ListRuns(int limit = 20)
    {
        using var command = Command(
            "SELECT run_id, project, pipelines, status, started_at, finished_at, rows_written, files_written, bytes_written, error, definition_sha256 FROM runs ORDER BY started_at DESC, run_id DESC LIMIT $limit",
            null, ("$limit", limit));
        return ReadRuns(command);
    }

    /// <summary>One run, or <see langword="null"/>.</summary>
    public RunRecord? GetRun(string runId)
    {
        using var command = Command(
            "SELECT run_id, project, pipelines, status, started_at, finished_at, rows_written, files_written, bytes_written, error, definition_sha256 FROM runs WHERE run_id = $id",
            null, ("$id", runId));
        return ReadRuns(command).FirstOrDefault();
    }

    private static List<RunRecord> ReadRuns(SqliteCommand command)
    {
        var runs = new List<RunRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            runs.Add(new RunRecord(
                reader.GetString(0),
                reader.GetString(1),
                StringsFromJson(reader.GetString(2)),
                reader.GetString(3),
                ReadTimestamp(reader, 4)!.Value,
                ReadTimestamp(reader, 5),
                reader.GetInt64(6),
                reader.GetInt64(7),
                reader.GetInt64(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10)));
        }

        return runs;
    }
}
