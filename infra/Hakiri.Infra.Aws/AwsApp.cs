using Amazon.CDK;
using Hakiri.Emit.Aws;
using Hakiri.Manifest;
using Hakiri.Model.Manifests;

namespace Hakiri.Infra.Aws;

/// <summary>
/// The CDK app: reads the options from arguments (or the environment), loads the manifest and synthesizes the stack.
/// <c>--manifest PATH --asset ZIP [--layer ZIP] [--wasmtime-layer ZIP] --stage S --out DIR [--no-mcp-url-output]</c>;
/// environment fallbacks <c>HAKIRI_MANIFEST_PATH</c>, <c>HAKIRI_LAMBDA_ZIP</c>, <c>HAKIRI_DUCKDB_LAYER_ZIP</c> (default:
/// the <c>hakiri-duckdb-layer.zip</c> beside the Lambda zip), <c>HAKIRI_WASMTIME_LAYER_ZIP</c> (default: the
/// <c>hakiri-wasmtime-layer.zip</c> beside it; needed only by a manifest with WebAssembly connectors),
/// <c>HAKIRI_STAGE</c>, <c>HAKIRI_CDK_OUT</c>,
/// <c>HAKIRI_MCP_URL_OUTPUT=false</c>; CDK context <c>hakiri:mcpUrlOutput=false</c> also turns the MCP URL output off.
/// </summary>
internal static class AwsApp
{
    public static int Run(string[] args)
    {
        if (Parse(args, out var error) is not { } options)
        {
            Console.Error.WriteLine($"hakiri-infra-aws: error: {error}");
            Console.Error.WriteLine("usage: Hakiri.Infra.Aws --manifest hakiri.toml --asset hakiri-functions.zip [--layer hakiri-duckdb-layer.zip] [--wasmtime-layer hakiri-wasmtime-layer.zip] [--stage dev] [--out cdk.out] [--no-mcp-url-output]");
            return 2;
        }

        var loaded = ManifestLoader.LoadProject(options.ManifestPath);
        if (loaded.Value is not { } manifest)
        {
            foreach (var diagnostic in loaded.Diagnostics)
            {
                Console.Error.WriteLine(diagnostic);
            }

            return 2;
        }

        if (WasmtimeLayer.IsNeededBy(manifest) && !File.Exists(options.WasmtimeLayerZip))
        {
            Console.Error.WriteLine($"hakiri-infra-aws: error: {options.WasmtimeLayerZip}: the Wasmtime layer does not exist, and a pipeline reads a WebAssembly connector — scripts/package-aws.sh writes it beside the Lambda zip");
            return 2;
        }

        var template = Synthesize(manifest, options);
        Console.WriteLine($"wrote {template}");
        return 0;
    }

    /// <summary>Synthesizes the stack into <see cref="AwsStackOptions.OutputDirectory"/>; returns the template's path.</summary>
    public static string Synthesize(ProjectManifest manifest, AwsStackOptions options)
    {
        var app = new App(new AppProps { Outdir = options.OutputDirectory });
        var stack = AddStack(app, manifest, options);
        return app.Synth().GetStackByName(stack.StackName).TemplateFullPath;
    }

    /// <summary>Adds the project's stack to <paramref name="app"/>; the CDK context can turn the MCP URL output off.</summary>
    internal static HakiriStack AddStack(App app, ProjectManifest manifest, AwsStackOptions options)
    {
        var mcpUrl = options.McpUrlOutput && !string.Equals(app.Node.TryGetContext("hakiri:mcpUrlOutput")?.ToString(), "false", StringComparison.OrdinalIgnoreCase);
        return new HakiriStack(app, manifest, options with { McpUrlOutput = mcpUrl });
    }

    internal static AwsStackOptions? Parse(string[] args, out string error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var mcpUrlOutput = !string.Equals(System.Environment.GetEnvironmentVariable("HAKIRI_MCP_URL_OUTPUT"), "false", StringComparison.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--no-mcp-url-output":
                    mcpUrlOutput = false;
                    break;
                case "--manifest" or "--asset" or "--layer" or "--wasmtime-layer" or "--stage" or "--out" when i + 1 < args.Length:
                    values[args[i][2..]] = args[++i];
                    break;
                default:
                    error = $"unknown or incomplete argument '{args[i]}'";
                    return null;
            }
        }

        var manifest = Value(values, "manifest", "HAKIRI_MANIFEST_PATH");
        var asset = Value(values, "asset", "HAKIRI_LAMBDA_ZIP");
        if (manifest is null || asset is null)
        {
            error = "the manifest (--manifest or HAKIRI_MANIFEST_PATH) and the Lambda zip (--asset or HAKIRI_LAMBDA_ZIP) are required";
            return null;
        }

        if (!File.Exists(asset))
        {
            error = $"{asset}: the Lambda package does not exist — build it with scripts/package-aws.sh";
            return null;
        }

        var layer = Value(values, "layer", "HAKIRI_DUCKDB_LAYER_ZIP") ?? DuckDbLayer.Beside(asset);
        if (!File.Exists(layer))
        {
            error = $"{layer}: the DuckDB layer does not exist — scripts/package-aws.sh writes it beside the Lambda zip";
            return null;
        }

        error = string.Empty;
        return new AwsStackOptions(
            Path.GetFullPath(manifest),
            Path.GetFullPath(asset),
            Path.GetFullPath(layer),
            Path.GetFullPath(Value(values, "wasmtime-layer", "HAKIRI_WASMTIME_LAYER_ZIP") ?? WasmtimeLayer.Beside(asset)),
            Value(values, "stage", "HAKIRI_STAGE") ?? "dev",
            Path.GetFullPath(Value(values, "out", "HAKIRI_CDK_OUT") ?? "cdk.out"),
            mcpUrlOutput);
    }

    private static string? Value(Dictionary<string, string> values, string name, string variable) =>
        values.TryGetValue(name, out var value) ? value : System.Environment.GetEnvironmentVariable(variable) is { Length: > 0 } env ? env : null;
}
