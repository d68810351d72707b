namespace Hakiri.Store;

/// <summary>
/// Where things live in a local store directory (see docs/store-format.md). Paths recorded in the catalog are
/// relative to the store root and use <c>/</c>, so a store can be moved or synced to a bucket unchanged.
/// </summary>
/// <param name="Root">The store's absolute root directory (e.g. <c>/project/.hakiri</c>).</param>
public sealed record StoreLayout(string Root)
{
    /// <summary>The catalog's file name under the root.</summary>
    public const string CatalogFileName = "catalog.sqlite";

    /// <summary>The absolute path of the SQLite catalog.</summary>
    public string CatalogPath => Path.Combine(Root, CatalogFileName);

    /// <summary>The relative directory of a table's live data files.</summary>
    public static string TableDataPrefix(string table) => $"data/{table}";

    /// <summary>The relative path of a data file written by a run.</summary>
    public static string DataFile(string table, string runId, string name) => $"data/{table}/{runId}/{name}";

    /// <summary>The relative directory of a table's sidecar indexes.</summary>
    public static string TableIndexPrefix(string table) => $"index/{table}";

    /// <summary>
    /// The directory of one sidecar build: <c>index/&lt;table&gt;/&lt;data run&gt;/&lt;data file stem&gt;/&lt;kind&gt;-&lt;build&gt;</c>, beside nothing
    /// else, so a rebuild never writes into a directory a reader may have open.
    /// </summary>
    public static string IndexSegment(string dataPath, string kind, string build)
    {
        ArgumentNullException.ThrowIfNull(dataPath);
        var relative = dataPath.StartsWith("data/", StringComparison.Ordinal) ? dataPath["data/".Length..] : dataPath;
        var stem = relative.EndsWith(".parquet", StringComparison.Ordinal) ? relative[..^".parquet".Length] : relative;
        return $"index/{stem}/{kind}-{build}";
    }

    /// <summary>The relative directory where a run stages a table's batches before the write step commits them.</summary>
    public static string StagingPrefix(string runId, string table) => $"staging/{runId}/{table}";

    /// <summary>Turns a store-relative path into an absolute one.</summary>
    public string Absolute(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Turns an absolute path under the root into a store-relative one.</summary>
    public string Relative(string absolutePath) => Path.GetRelativePath(Root, absolutePath).Replace(Path.DirectorySeparatorChar, '/');
}
