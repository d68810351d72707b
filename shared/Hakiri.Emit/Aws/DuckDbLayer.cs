namespace Hakiri.Emit.Aws;

/// <summary>
/// The Lambda layer that carries <c>lib/libduckdb.so</c> for the deployed functions (ADR 0029). <c>scripts/package-aws.sh</c>
/// writes it beside the function zip, and both <c>hakiri emit/deploy aws</c> and the CDK app look for it there.
/// </summary>
public static class DuckDbLayer
{
    /// <summary>The layer zip's file name.</summary>
    public const string FileName = "hakiri-duckdb-layer.zip";

    /// <summary>The layer zip beside <paramref name="functionZip"/>.</summary>
    public static string Beside(string functionZip) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(functionZip))!, FileName);
}
