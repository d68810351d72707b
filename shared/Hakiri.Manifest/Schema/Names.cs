namespace Hakiri.Manifest.Schema;

/// <summary>The name rules the manifest enforces, shared by the checker, the binder and the JSON Schema.</summary>
internal static class Names
{
    /// <summary>Project names become CloudFormation stack and resource names: letters, digits and hyphens.</summary>
    public const string ProjectPattern = "^[A-Za-z][A-Za-z0-9-]{0,63}$";

    /// <summary>Pipeline names may use hyphens; the default table name needs the stricter <see cref="TablePattern"/>.</summary>
    public const string PipelinePattern = "^[A-Za-z_][A-Za-z0-9_-]{0,62}$";

    /// <summary>Table and column names are SQL identifiers that need no quoting in DuckDB.</summary>
    public const string TablePattern = "^[A-Za-z_][A-Za-z0-9_]{0,62}$";

    /// <summary>Column names follow the table rule.</summary>
    public const string ColumnPattern = TablePattern;

    /// <summary>Environment variable names.</summary>
    public const string EnvironmentPattern = "^[A-Za-z_][A-Za-z0-9_]*$";

    /// <summary>Semantic versions (2.0.0), without build metadata.</summary>
    public const string SemVerPattern = @"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$";
}
