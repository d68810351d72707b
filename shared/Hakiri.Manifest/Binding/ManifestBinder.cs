using Hakiri.Manifest.Schema;
using Hakiri.Manifest.Scheduling;
using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;
using Hakiri.Toml;

namespace Hakiri.Manifest.Binding;

/// <summary>Turns a parsed <c>hakiri.toml</c> into a <see cref="ProjectManifest"/>, reporting every problem it finds.</summary>
internal static class ManifestBinder
{
    public static ProjectManifest? Bind(TomlTable root, string manifestPath, DiagnosticBag diagnostics)
    {
        var connectorsTable = TomlRead.Table(root, "connectors");
        var declared = connectorsTable?.Entries.Select(e => e.Key).ToArray() ?? [];
        new ShapeChecker(diagnostics, "the manifest") { DeclaredVariants = declared }.CheckTable(root, ManifestShapes.Root, string.Empty);
        var connectors = ConnectorsBinder.Bind(connectorsTable, manifestPath, diagnostics);

        var project = TomlRead.Table(root, "project");
        var name = project is null ? null : TomlRead.String(project, "name");
        var description = project is null ? null : TomlRead.String(project, "description");
        var store = StoreBinder.Bind(project is null ? null : TomlRead.StringNode(project, "store"), manifestPath, diagnostics);
        var remote = StoreBinder.BindRemote(project is null ? null : TomlRead.StringNode(project, "remote"), diagnostics);

        var pipelines = new List<PipelineManifest>();
        var tables = new Dictionary<string, (string Pipeline, TomlPosition Position)>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in (TomlRead.Table(root, "pipelines")?.Entries ?? []).Where(e => e.Value is TomlTable))
        {
            var table = (TomlTable)entry.Value;
            CheckTableIsUnique(entry, table, tables, diagnostics);
            if (BindPipeline(entry, table, manifestPath, connectors, diagnostics) is { } pipeline)
            {
                pipelines.Add(pipeline);
            }
        }

        var aws = DeployBinder.BindAws(TomlRead.Table(root, "deploy"), diagnostics);
        var access = AccessBinder.Bind(TomlRead.Table(root, "access"), diagnostics);
        var memory = TomlRead.Table(root, "memory") is { } memoryTable ? new MemorySettings(IndexesBinder.Canonical(TomlRead.String(memoryTable, "model"))) : null;
        if (diagnostics.HasErrors || name is null || store is null)
        {
            return null;
        }

        return new ProjectManifest(name, description ?? string.Empty, store, pipelines, manifestPath) { Aws = aws, Connectors = connectors, Access = access, Memory = memory, Remote = remote };
    }

    // DuckDB identifiers are case-insensitive, so are table names.
    private static void CheckTableIsUnique(
        TomlEntry entry, TomlTable table, Dictionary<string, (string Pipeline, TomlPosition Position)> seen, DiagnosticBag diagnostics)
    {
        var explicitTable = TomlRead.StringNode(table, "table");
        var tableName = explicitTable?.Value ?? entry.Key;
        var position = explicitTable?.Position ?? entry.KeyPosition;
        if (seen.TryGetValue(tableName, out var first))
        {
            diagnostics.Error(position.Line, position.Column,
                $"pipeline '{entry.Key}' writes table '{tableName}', which pipeline '{first.Pipeline}' already writes (at {first.Position})",
                "give one of them another table = \"…\"");
            return;
        }

        seen.Add(tableName, (entry.Key, position));
        if (string.Equals(tableName, ReservedMemoryTable, StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Error(position.Line, position.Column,
                $"pipeline '{entry.Key}' writes table '{tableName}', a name the store reserves for agent memory (memory.write, hakiri memory)",
                explicitTable is null ? $"add table = \"{entry.Key}_data\" (or another name) under [pipelines.{entry.Key}]" : "give the pipeline another table = \"…\"");
        }
    }

    // The table agent memory lives in (Hakiri.Memory's MemoryTable.Name); the manifest layer does not reference it.
    private const string ReservedMemoryTable = "memory";

    private static PipelineManifest? BindPipeline(
        TomlEntry entry, TomlTable table, string manifestPath, IReadOnlyList<ConnectorReference> connectors, DiagnosticBag diagnostics)
    {
        var name = entry.Key;
        var tableName = TomlRead.String(table, "table");
        if (tableName is null && !table.TryGetValue("table", out _) && !System.Text.RegularExpressions.Regex.IsMatch(name, Names.TablePattern))
        {
            var suggestion = name.Replace('-', '_');
            diagnostics.Error(entry.KeyPosition.Line, entry.KeyPosition.Column,
                $"pipeline '{name}' cannot name its table after itself: '{name}' is not a valid table name",
                $"add table = \"{suggestion}\" under [pipelines.{name}]");
        }

        var schedule = BindSchedule(TomlRead.StringNode(table, "schedule"), name, diagnostics);
        var source = TomlRead.Table(table, "source") is { } sourceTable ? SourceBinder.Bind(sourceTable, name, manifestPath, connectors, diagnostics) : null;
        var indexes = TomlRead.Table(table, "indexes") is { } indexTable ? IndexesBinder.Bind(indexTable, name, diagnostics) : IndexesManifest.None;
        IReadOnlyList<string> primaryKey = TomlRead.Strings(table, "primary_key").Select(s => s.Value).ToArray();
        if (primaryKey.Count == 0 && !table.TryGetValue("primary_key", out _))
        {
            primaryKey = DefaultPrimaryKey(source, name, table, diagnostics);
        }

        var redaction = RedactBinder.Bind(table["redact"], name, primaryKey, indexes, diagnostics);
        var columns = ColumnsBinder.Bind(table, name, diagnostics);
        if (diagnostics.HasErrors || source is null || (table.TryGetValue("schedule", out _) && schedule is null))
        {
            return null;
        }

        return new PipelineManifest(
            name,
            tableName ?? name,
            TomlRead.String(table, "description") ?? string.Empty,
            schedule,
            primaryKey,
            source,
            indexes)
        {
            Redaction = redaction,
            AgentDescription = AgentDescriptionBinder.Bind(TomlRead.Table(table, "agent_description")),
            InferenceZoneAllowed = ColumnsBinder.Zones(table),
            Columns = columns,
        };
    }

    // GitHub objects carry a stable key; an http source with a cursor but no key would append every changed record again.
    private static IReadOnlyList<string> DefaultPrimaryKey(SourceManifest? source, string pipeline, TomlTable table, DiagnosticBag diagnostics)
    {
        if (source is GitHubSourceManifest github)
        {
            return HttpSourceBinder.DefaultPrimaryKey(github);
        }

        if (source is PostgresSourceManifest { Query: not null } && TomlRead.Table(table, "source") is { } querySource
            && querySource.TryGetEntry("query", out var query))
        {
            diagnostics.Error(query.KeyPosition.Line, query.KeyPosition.Column,
                $"pipeline '{pipeline}' reads a query but has no primary_key: a query has no key to page by or to replace changed rows with",
                $"set primary_key = [\"id\"] (columns the query returns that identify a row) under [pipelines.{pipeline}]");
        }

        if (source is HttpSourceManifest { Incremental: not null } && TomlRead.Table(table, "source") is { } sourceTable
            && sourceTable.TryGetEntry("incremental", out var incremental))
        {
            diagnostics.Warning(incremental.KeyPosition.Line, incremental.KeyPosition.Column,
                $"pipeline '{pipeline}' pulls incrementally but has no primary_key: changed records will be appended again",
                $"set primary_key = [\"id\"] (the field that identifies a record) under [pipelines.{pipeline}]");
        }

        return [];
    }

    private static Schedule? BindSchedule(TomlString? node, string pipeline, DiagnosticBag diagnostics)
    {
        // A value that is neither rate(…) nor cron(…) was already reported by the shape checker.
        if (node is null || !System.Text.RegularExpressions.Regex.IsMatch(node.Value, @"^(rate|cron)\(.*\)$"))
        {
            return null;
        }

        if (ScheduleParser.TryParse(node.Value, out var schedule, out var error))
        {
            return schedule;
        }

        var at = TomlRead.Inside(node, error!.Offset);
        diagnostics.Error(at.Line, at.Column, $"'schedule' in [pipelines.{pipeline}] is not valid: {error.Message}", error.Hint);
        return null;
    }
}
