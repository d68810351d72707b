using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;

namespace Hakiri.Connectors.Postgres;

/// <summary>Checks a described table or query against the manifest and decides the keyset and column mapping.</summary>
internal static class PostgresPlanner
{
    public static (PgReadPlan Plan, TableSchema Schema) Plan(
        string pipeline, string source, string table, PostgresSourceManifest manifest, IReadOnlyList<string> primaryKey, PgRelation relation)
    {
        var duplicate = relation.Columns.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ConnectorException(ConnectorErrorKind.Permanent,
                $"pipeline '{pipeline}': {source} returns the column '{duplicate.Key}' more than once; give each column its own name (… AS name).");
        }

        var columns = relation.Columns.Select(c => PostgresTypes.Map(c, pipeline, source)).ToArray();
        var infos = relation.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        PgColumnInfo Column(string name, string role) => infos.TryGetValue(name, out var c) ? c : throw new ConnectorException(ConnectorErrorKind.Permanent,
            $"pipeline '{pipeline}': {source} has no column '{name}' (the {role}); it has {string.Join(", ", infos.Keys)} — correct the manifest.");

        var key = (primaryKey.Count > 0 ? primaryKey : relation.PrimaryKey).Select(k => Column(k, "primary key")).ToArray();
        var keys = key.Select(k => new PgKey(k.Name, k.SqlType)).ToList();
        string? bounded = null;
        if (manifest.Mode == PostgresReadMode.Incremental)
        {
            var cursor = Column(manifest.CursorColumn!, "cursor_column");
            if (keys.Count == 0)
            {
                throw new ConnectorException(ConnectorErrorKind.Permanent,
                    $"pipeline '{pipeline}': {source} has no primary key, and mode = \"incremental\" needs one to replace changed rows and to order rows sharing a {cursor.Name}; "
                    + $"set primary_key = [\"…\"] under [pipelines.{pipeline}].");
            }

            keys.RemoveAll(k => k.Name == cursor.Name);
            keys.Insert(0, new PgKey(cursor.Name, cursor.SqlType));
            bounded = cursor.TypeName is "timestamptz" or "timestamp" or "date" ? cursor.SqlType : null;
        }
        else if (keys.Count == 0)
        {
            keys.Add(relation.HasCtid ? PgKey.Ctid : throw new ConnectorException(ConnectorErrorKind.Permanent,
                $"pipeline '{pipeline}': {source} has no primary key to page on; set primary_key = [\"…\"] under [pipelines.{pipeline}] (columns that identify a row)."));
        }

        var plan = new PgReadPlan(manifest.Mode, relation.From, columns, keys, bounded, manifest.BatchRows);
        var definitions = columns.Select(c => new ColumnDefinition(c.Name, c.Type, c.Nullable)).ToArray();
        return (plan, new TableSchema(table, null, definitions, key.Select(k => k.Name).ToArray()));
    }
}
