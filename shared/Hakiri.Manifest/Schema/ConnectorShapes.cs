using Hakiri.Model.Manifests;

namespace Hakiri.Manifest.Schema;

/// <summary>The shape of <c>connector.toml</c>.</summary>
internal static class ConnectorShapes
{
    /// <summary>The connector's own name: what its manifest calls it.</summary>
    public const string NamePattern = "^[a-z][a-z0-9-]{0,62}$";

    public static TableShape Root { get; } = Build();

    private static TableShape Build()
    {
        var defaults = ConnectorLimits.Default;
        var caps = ConnectorLimits.Caps;
        var limits = new TableShape("Resource limits of the sandbox; a value above its cap is an error.",
        [
            Limit("memory_mb", "Maximum linear memory of the component, in MiB.", defaults.MemoryMegabytes, caps.MemoryMegabytes),
            Limit("fuel", "Wasmtime fuel per call: a bound on the instructions one call executes.", defaults.Fuel, caps.Fuel),
            Limit("next_timeout_seconds", "Maximum wall time of one read-handle.next call, in seconds.", defaults.NextTimeoutSeconds, caps.NextTimeoutSeconds),
            Limit("discover_timeout_seconds", "Maximum wall time of one discover call, in seconds.", defaults.DiscoverTimeoutSeconds, caps.DiscoverTimeoutSeconds),
            Limit("log_bytes_per_second", "Log bytes per second the host keeps; the rest is dropped.", defaults.LogBytesPerSecond, caps.LogBytesPerSecond),
            Limit("http_in_flight", "Outgoing HTTP requests the component may have open at once.", defaults.HttpInFlight, caps.HttpInFlight),
        ]);

        var capabilities = new TableShape("What the connector asks its sandbox for; a project must grant all of it in [connectors.NAME] grant.",
        [
            new FieldShape("http", new ArrayShape("Hosts the component may call: api.example.com, *.example.com, optionally with :port.",
                new StringShape("A host pattern.")) { UniqueItems = true }) { Example = "http = [\"api.example.com\"]" },
            new FieldShape("env", new ArrayShape("Environment variables the component may read.", new StringShape("A variable name.")
            {
                Pattern = Names.EnvironmentPattern,
                PatternHint = "use letters, digits and underscores, not starting with a digit",
            }) { UniqueItems = true }) { Example = "env = [\"API_TOKEN\"]" },
            new FieldShape("clock", new BooleanShape("Whether the component may read the wall clock.") { Default = false }),
            new FieldShape("limits", new RetiredShape("Moved to the top-level [limits] table.",
                "limits moved from [capabilities.limits] to a top-level [limits] table",
                "write [limits] with memory_mb, fuel, next_timeout_seconds, discover_timeout_seconds, log_bytes_per_second, http_in_flight"
                + " (timeout_seconds became next_timeout_seconds and discover_timeout_seconds; max_http_requests became http_in_flight)")),
        ]);

        return new TableShape("A WebAssembly connector manifest (connector.toml).",
        [
            new FieldShape("name", new StringShape("The connector's name, recorded with its version in provenance.")
            {
                Pattern = NamePattern,
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
            new FieldShape("wasm", new StringShape("The component file, relative to connector.toml; `hakiri connector build` may create it later."))
            {
                Required = true,
                Example = "wasm = \"connector.wasm\"",
            },
            new FieldShape("description", new StringShape("What the connector does.")),
            new FieldShape("capabilities", capabilities),
            new FieldShape("limits", limits),
        ]);
    }

    private static FieldShape Limit(string key, string description, long defaultValue, long cap) =>
        new(key, new IntegerShape(description, 1, cap) { Default = defaultValue }) { Example = $"{key} = {defaultValue}" };
}
