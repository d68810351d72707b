using System.Text;
using System.Text.Json;
using Hakiri.Access.Audit;
using Hakiri.Access.Policy;
using Hakiri.Audit.Journal;
using Hakiri.DuckDb;
using Hakiri.Store;

namespace Hakiri.Audit;

/// <summary>
/// Answers "who read this" and "what did this agent read" from the store's audit log: the day partitions (only the
/// days a <see cref="AuditQuery.Since"/> reaches) plus the journal lines not folded yet. Folds idle segments first. A key
/// is looked up in the day partitions' key indexes, so a key query reads no key lists but the journal's.
/// </summary>
public sealed class AuditLog
{
    private readonly StoreLayout _layout;
    private readonly AuditOptions _options;

    private AuditLog(StoreLayout layout, AuditOptions options)
    {
        _layout = layout;
        _options = options;
    }

    /// <summary>A reader of the audit log of the store at <paramref name="layout"/>; the key mode must be the writer's.</summary>
    public static AuditLog Open(StoreLayout layout, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(options);
        return new AuditLog(layout, options);
    }

    /// <summary>The reads matching every filter of <paramref name="query"/>, newest first, at most <see cref="AuditQuery.Limit"/>.</summary>
    /// <exception cref="ArgumentException">A key was asked without its table.</exception>
    /// <exception cref="DuckDbException">A Parquet file of the log could not be read.</exception>
    public IReadOnlyList<AuditEntry> Query(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Key is not null && query.Table is null)
        {
            throw new ArgumentException("A key is asked about within its table: give the table too (--table).", nameof(query));
        }

        TryFoldIdle();
        var (segments, lines) = ReadLiveJournal();
        var since = query.Since is { } instant ? DateOnly.FromDateTime(instant.UtcDateTime) : (DateOnly?)null;
        var files = AuditPaths.PartitionFiles(_layout, since)
            .Where(file => !segments.Contains(Path.GetFileNameWithoutExtension(file)["part-".Length..]))
            .ToArray();

        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        AuditColumns.Load(connection, "journal", lines);
        string? kept = null;
        IReadOnlyList<string> indexed = [];
        if (query.Key is not null)
        {
            kept = AuditKeys.Encode(_options.KeyMode, query.Table!, query.Key);
            indexed = files.Where(f => File.Exists(AuditPaths.KeyIndexFile(f))).ToArray();
            files = files.Except(indexed, StringComparer.Ordinal).ToArray();
            LoadHits(connection, indexed, KeyIndex.Hash(kept), query.Table!);
        }

        var (sql, parameters) = AuditSql.Build(query, files, indexed, kept);
        using var statement = connection.Prepare(sql);
        for (var i = 0; i < parameters.Count; i++)
        {
            statement.Bind(i + 1, parameters[i]);
        }

        using var reader = statement.Query();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(ReadEntry(reader, query));
        }

        return entries;
    }

    // The (file, row) of every record the key index says names the key, into the temporary table hits.
    private static void LoadHits(DuckDbConnection connection, IReadOnlyList<string> partitions, long keyHash, string table)
    {
        connection.Execute("CREATE TEMP TABLE hits (file VARCHAR, record_row BIGINT)");
        if (partitions.Count == 0)
        {
            return;
        }

        var partitionOf = partitions.ToDictionary(AuditPaths.KeyIndexFile, StringComparer.Ordinal);
        var hits = new List<(string File, long Row)>();
        using (var lookup = connection.Prepare(AuditSql.Lookup(partitionOf.Keys.ToArray())))
        {
            lookup.Bind(1, keyHash);
            lookup.Bind(2, table);
            using var reader = lookup.Query();
            while (reader.Read())
            {
                hits.Add((partitionOf[reader.GetString(0)], reader.GetInt64(1)));
            }
        }

        using var appender = connection.CreateAppender("hits");
        foreach (var (file, row) in hits)
        {
            appender.Append(file).Append(row).EndRow();
        }
    }

    private void TryFoldIdle()
    {
        try
        {
            JournalFolder.FoldIdle(_layout);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DuckDbException)
        {
            // A read-only store or a failed fold: the segments stay, and are read as journal lines below.
        }
    }

    // Segments still present (a live writer's, or ones that could not be folded), read without taking their lock.
    private (HashSet<string> Segments, List<(string Line, JournalEntry Entry)> Lines) ReadLiveJournal()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var lines = new List<(string, JournalEntry)>();
        foreach (var segment in AuditPaths.Segments(_layout))
        {
            try
            {
                using var stream = new FileStream(segment, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                lines.AddRange(JournalSegment.ReadLines(stream));
                names.Add(Path.GetFileNameWithoutExtension(segment)["segment-".Length..]);
            }
            catch (FileNotFoundException)
            {
                // Folded meanwhile: its lines are in the Parquet file listed next.
            }
        }

        return (names, lines);
    }

    private static AuditEntry ReadEntry(DuckDbReader reader, AuditQuery query)
    {
        string? Text(int i) => reader.IsNull(i) ? null : reader.GetString(i);
        var agent = Text(1);
        var matched = reader.GetValue(11) is true;
        var keysComplete = reader.GetValue(10) is true;
        return new AuditEntry(
            DateTimeOffset.UnixEpoch.AddTicks(reader.GetInt64(0) * TimeSpan.TicksPerMicrosecond),
            agent is null ? null : new Subject(agent, Text(2), Text(3), Text(4)),
            Text(5),
            reader.GetString(6),
            JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(reader.GetString(7)), AuditJsonContext.Default.StringArray) ?? [],
            reader.GetInt64(8),
            (int)reader.GetInt64(9),
            matched && query.Key is not null ? [new AuditKey(query.Table!, query.Key)] : [],
            keysComplete,
            query.Key is null || matched ? AuditMatch.Read : AuditMatch.MayHaveRead);
    }
}
