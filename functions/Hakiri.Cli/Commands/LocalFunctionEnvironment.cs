using System.Globalization;
using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Commands;

/// <summary>
/// What a step function's <c>bootstrap</c> finds in its environment under <c>hakiri run --via lambda</c>: what the
/// deployed function would — its handler, the manifest, its memory as Lambda announces it
/// (<c>AWS_LAMBDA_FUNCTION_MEMORY_SIZE</c>, from <c>[deploy.aws] memory_mb</c>) and the DuckDB memory limit the stack
/// sets — so a local run sizes pull ranges, write threads and DuckDB's memory as the deployed functions will
/// (<c>StepOptions.FromEnvironment</c>). The rest of this process's environment reaches the function too; a
/// <c>HAKIRI_DUCKDB_MEMORY_LIMIT</c> exported here wins over the stack's.
/// </summary>
internal static class LocalFunctionEnvironment
{
    /// <summary>The variables set for <paramref name="handler"/>'s process, over the ones it inherits.</summary>
    /// <param name="manifest">The project, whose <c>[deploy.aws]</c> sizes the function.</param>
    /// <param name="handler">The step (<c>_HANDLER</c>).</param>
    /// <param name="environment">Reads this process's variables (tests pass their own).</param>
    public static Dictionary<string, string> For(ProjectManifest manifest, string handler, Func<string, string?> environment)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["_HANDLER"] = handler,
            ["HAKIRI_MANIFEST"] = manifest.ManifestPath,
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = manifest.Aws.MemoryMb.ToString(CultureInfo.InvariantCulture),
        };
        if (string.IsNullOrEmpty(environment("HAKIRI_DUCKDB_MEMORY_LIMIT")))
        {
            variables["HAKIRI_DUCKDB_MEMORY_LIMIT"] = manifest.Aws.DuckDbMemoryLimit;
        }

        return variables;
    }
}
