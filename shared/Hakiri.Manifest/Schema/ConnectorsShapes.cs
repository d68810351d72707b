namespace Hakiri.Manifest.Schema;

/// <summary>The shapes of <c>[connectors.NAME]</c> (WebAssembly connectors a project declares) and of a source that uses one.</summary>
internal static class ConnectorsShapes
{
    /// <summary>The connectors built into Hakiri; a declared connector may not take their names.</summary>
    public static readonly string[] BuiltIn = ["file", "http", "github", "postgres", "s3"];

    /// <summary>A declared connector's name, as pipelines refer to it.</summary>
    public const string NamePattern = "^[a-z][a-z0-9_-]{0,62}$";

    /// <summary>One grant: <c>http:HOST[:PORT]</c>, <c>env:NAME</c> or <c>clock</c>.</summary>
    public const string GrantPattern = "^(http:[^\\s]+|env:[A-Za-z_][A-Za-z0-9_]*|clock)$";

    /// <summary>Lists the grant forms, for hints.</summary>
    public const string GrantForms = "write http:HOST (api.example.com, *.example.com, optionally :PORT), env:NAME or clock";

    public static TableShape Connector { get; } = new("A WebAssembly connector the project may use, and the capabilities it grants it.",
    [
        new FieldShape("path", new StringShape("The folder holding the connector's connector.toml, relative to the manifest."))
        {
            Required = true,
            Example = "path = \"connectors/<name>\"",
        },
        new FieldShape("grant", new ArrayShape("What the project lets the connector touch; it must cover everything the connector's [capabilities] asks for.",
            new StringShape("A capability: http:HOST[:PORT], env:NAME or clock.")
            {
                Pattern = GrantPattern,
                PatternHint = GrantForms,
                Examples = ["http:api.example.com", "http:*.example.com:443", "env:API_TOKEN", "clock"],
            }) { UniqueItems = true }) { Example = "grant = [\"http:api.example.com\", \"env:API_TOKEN\", \"clock\"]" },
    ]);

    public static MapShape Connectors { get; } = new("WebAssembly connectors, keyed by the name pipelines use in `connector = \"NAME\"`.", Connector,
        NamePattern, "use lower-case letters, digits, underscores and hyphens, starting with a letter")
    {
        ReservedKeys = BuiltIn,
        ReservedHint = $"{string.Join(", ", BuiltIn)} are built-in connectors; give the WebAssembly connector another name",
    };

    public static OpenVariantShape Source { get; } = new(
        "A WebAssembly connector declared as [connectors.NAME]; every other key is the connector's config.",
        NamePattern,
        "A config value the connector reads: strings as written, numbers, booleans and dates as their TOML text, arrays and tables as JSON.");
}
