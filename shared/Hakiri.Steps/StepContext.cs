using Hakiri.DuckDb;
using Hakiri.Model.Manifests;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Steps;

/// <summary>What every step needs: the manifest, the store, a clock, and DuckDB. Hosts build one per invocation.</summary>
public sealed class StepContext
{
    /// <summary>Creates a context for a local store.</summary>
    public StepContext(ProjectManifest manifest, StoreLayout layout, TimeProvider? clock = null, StepOptions? options = null)
    {
        Manifest = manifest;
        Layout = layout;
        Clock = clock ?? TimeProvider.System;
        Options = options ?? new StepOptions();
    }

    /// <summary>The project manifest.</summary>
    public ProjectManifest Manifest { get; }

    /// <summary>Where the store lives.</summary>
    public StoreLayout Layout { get; }

    /// <summary>The clock; tests pass a fake.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Tunables.</summary>
    public StepOptions Options { get; }

    /// <summary>Opens the store's catalog.</summary>
    public CatalogDatabase OpenCatalog() => CatalogDatabase.Open(Layout, Clock);

    /// <summary>Opens an in-memory DuckDB for one step's work.</summary>
    public DuckDbDatabase OpenDuckDb() => DuckDbDatabase.Open(null, new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["threads"] = Options.DuckDbThreads.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["memory_limit"] = Options.DuckDbMemoryLimit,
        ["temp_directory"] = Path.Combine(Layout.Root, "tmp"),
        ["preserve_insertion_order"] = "true",
    });

    /// <summary>Finds a pipeline of the manifest or fails with a sentence.</summary>
    public PipelineManifest Pipeline(string name) =>
        Manifest.FindPipeline(name) ?? throw new Errors.StepFailedException(Errors.StepErrors.Permanent, $"The manifest has no pipeline '{name}'.");
}

/// <summary>Tunables of the steps, with defaults for a laptop.</summary>
public sealed record StepOptions
{
    /// <summary>DuckDB worker threads per step.</summary>
    public int DuckDbThreads { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>DuckDB's memory limit; beyond it DuckDB spills to the store's tmp directory.</summary>
    public string DuckDbMemoryLimit { get; init; } = "1GB";

    /// <summary>Files smaller than this are compaction candidates.</summary>
    public long SmallFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Compaction merges small files once a table has at least this many.</summary>
    public int CompactMinFiles { get; init; } = 4;
}
