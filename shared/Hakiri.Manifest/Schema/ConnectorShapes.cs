namespace Hakiri.Manifest.Schema;

/// <summary>The shape of <c>connector.toml</c>.</summary>
internal static class ConnectorShapes
{
    public static TableShape Root { get; } = Build();

    private static TableShape Build()
    {
        var limits = new TableShape("Resource limits per connector call.",
        [
            new FieldShape("memory_mb", new IntegerShape("Maximum linear memory of the component, in MiB.", 1, 4096) { Default = 64 }),
            new FieldShape("timeout_seconds", new IntegerShape("Maximum wall time of one call, in seconds.", 1, 900) { Default = 60 }),
            new FieldShape("max_http_requests", new IntegerShape("Maximum outgoing HTTP requests per call.", 0, 100_000) { Default = 100 }),
        ]);

        var capabilities = new TableShape("What the sandbox grants the component; everything else is denied.",
        [
            new FieldShape("http", new ArrayShape("Hosts the component may call: api.example.com, *.example.com, optionally with :port.",
                new StringShape("A host pattern.")) { UniqueItems = true }) { Example = "http = [\"api.example.com\"]" },
            new FieldShape("env", new ArrayShape("Environment variables the component may read.", new StringShape("A variable name.")
            {
                Pattern = Names.EnvironmentPattern,
                PatternHint = "use letters, digits and underscores, not starting with a digit",
            }) { UniqueItems = true }) { Example = "env = [\"API_TOKEN\"]" },
            new FieldShape("clock", new BooleanShape("Whether the component may read the wall clock.") { Default = false }),
            new FieldShape("limits", limits),
        ]);

        return new TableShape("A WebAssembly connector manifest (connector.toml).",
        [
            new FieldShape("name", new StringShape("The connector's name, as pipelines refer to it.")
            {
                Pattern = "^[a-z][a-z0-9-]{0,62}$",
                PatternHint = "use lower-case letters, digits and hyphens, starting with a letter",
            }) { Required = true, Example = "name = \"my-connector\"" },
            new FieldShape("version", new StringShape("The connector's semantic version.")
            {
                Pattern = Names.SemVerPattern,
                PatternHint = "use a semantic version such as 1.2.0",
            }) { Required = true, Example = "version = \"0.1.0\"" },
            new FieldShape("kind", new StringShape("The WIT world the component implements.") { Values = ["source", "destination"] })
            {
                Required = true,
                Example = "kind = \"source\"",
            },
            new FieldShape("wasm", new StringShape("The component file, relative to connector.toml.")) { Required = true, Example = "wasm = \"connector.wasm\"" },
            new FieldShape("description", new StringShape("What the connector does.")),
            new FieldShape("capabilities", capabilities),
        ]);
    }
}
