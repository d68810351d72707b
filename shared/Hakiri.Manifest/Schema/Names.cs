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

    /// <summary>An inference zone allowed-list entry; the same grammar as Hakiri.Access's InferenceZones.EntryPattern (a test keeps them equal).</summary>
    public const string ZoneEntryPattern = @"^(local|on-prem|private-cloud|public-cloud):(\*|[a-z0-9][a-z0-9.-]{0,62})$";

    /// <summary>Says what <see cref="ZoneEntryPattern"/> means.</summary>
    public const string ZoneHint =
        "write local:device, on-prem:<name>, private-cloud:<name> or public-cloud:<name> (a name of lowercase letters, digits, '-' and '.'), or <kind>:* for every name of that kind";

    /// <summary>Environment variable names.</summary>
    public const string EnvironmentPattern = "^[A-Za-z_][A-Za-z0-9_]*$";

    /// <summary>Says what <see cref="EnvironmentPattern"/> means, for a key naming the variable that holds a secret.</summary>
    public const string EnvironmentHint = "write the name of an environment variable (letters, digits and underscores, not starting with a digit); the secret itself stays in the environment";

    /// <summary>An absolute http(s) URL without a query string, fragment or credentials.</summary>
    public const string HttpUrlPattern = @"^https?://[^\s/?#@]+(/[^\s?#]*)?$";

    /// <summary>An HTTP header name (an RFC 9110 token).</summary>
    public const string HeaderNamePattern = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";

    /// <summary>A query parameter name.</summary>
    public const string QueryParameterPattern = @"^[^\s&=?#]+$";

    /// <summary>A dotted path to a field of a JSON document, such as <c>data.items</c>.</summary>
    public const string FieldPathPattern = @"^[^.\s]+(\.[^.\s]+)*$";

    /// <summary>A GitHub repository as owner/name.</summary>
    public const string GitHubRepositoryPattern = "^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$";

    /// <summary>Semantic versions (2.0.0), without build metadata.</summary>
    public const string SemVerPattern = @"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$";
}
