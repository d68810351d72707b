using Hakiri.Connectors.Contract;
using Hakiri.DuckDb;
using Hakiri.Model.Manifests;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Steps;

/// <summary>What every step needs: the manifest, the store, a clock, and DuckDB. Hosts build one per invocation.</summary>
public sealed class StepContext
{
    /// <summary>Creates a context for a local store.</summary>
    /// <param name="manifest">The project manifest.</param>
    /// <param name="layout">Where the store lives.</param>
    /// <param name="clock">The clock; tests pass a fake.</param>
    /// <param name="options">Tunables.</param>
    /// <param name="connectors">
    /// The side effects a pipeline's connector may use (network, environment, clock); the default is the real ones.
    /// Recording runs and cassette replays pass their own per pipeline.
    /// </param>
    public StepContext(ProjectManifest manifest, StoreLayout layout, TimeProvider? clock = null, StepOptions? options = null,
        Func<PipelineManifest, ConnectorServices>? connectors = null)
    {
        Manifest = manifest;
        Layout = layout;
        Clock = clock ?? TimeProvider.System;
        Options = options ?? new StepOptions();
        _connectors = connectors ?? (_ => DefaultConnectorServices.Value);
    }

    private static readonly Lazy<ConnectorServices> DefaultConnectorServices = new(() => Hakiri.Connectors.Contract.ConnectorServices.CreateDefault());

    private readonly Func<PipelineManifest, ConnectorServices> _connectors;

    private static readonly Lazy<Hakiri.Embeddings.EmbeddingProviders> DefaultEmbeddings = new(() => new Hakiri.Embeddings.EmbeddingProviders());

    private Hakiri.Embeddings.EmbeddingProviders? _embeddings;

    /// <summary>
    /// Opens embedding models for vector indexes. By default only OpenAI-compatible endpoints; hosts that carry a local
    /// runtime (the CLI) pass a registry with local models added.
    /// </summary>
    public Hakiri.Embeddings.EmbeddingProviders Embeddings
    {
        get => _embeddings ?? DefaultEmbeddings.Value;
        init => _embeddings = value;
    }

    /// <summary>Receives progress lines of long steps (e.g. embedding a large table); none by default.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>The connector services for a pipeline.</summary>
    public ConnectorServices ConnectorServices(PipelineManifest pipeline) => _connectors(pipeline);

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

    /// <summary>
    /// Whether the steps run with this context share opened DuckDB databases, one after another (see
    /// <see cref="DuckDbDatabasePool"/>): for a host that runs a whole run in one process (the CLI), where opening DuckDB
    /// afresh for each of a run's steps costs 10–20 ms each. Steps running at the same time still get a database each.
    /// The databases close when the process ends (or the context is collected).
    /// </summary>
    public bool ReuseDuckDb { get; init; }

    private DuckDbDatabasePool? _duckDbPool;

    /// <summary>Opens an in-memory DuckDB for one step's work (with <see cref="ReuseDuckDb"/>, an idle one of an earlier step).</summary>
    public DuckDbDatabase OpenDuckDb()
    {
        if (!ReuseDuckDb)
        {
            return OpenNewDuckDb();
        }

        var pool = Volatile.Read(ref _duckDbPool);
        if (pool is null)
        {
            var created = new DuckDbDatabasePool(OpenNewDuckDb);
            pool = Interlocked.CompareExchange(ref _duckDbPool, created, null) ?? created;
        }

        return pool.Rent();
    }

    private DuckDbDatabase OpenNewDuckDb() => DuckDbDatabase.Open(null, new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["threads"] = Options.DuckDbThreads.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["memory_limit"] = Options.DuckDbMemoryLimit,
        ["temp_directory"] = Path.Combine(Layout.Root, "tmp"),
        ["preserve_insertion_order"] = "true",
    });

    /// <summary>Finds a pipeline of the manifest or fails with a sentence.</summary>
    public PipelineManifest Pipeline(string name) =>
        Manifest.FindPipeline(name) ?? throw new Errors.StepFailedException(Hakiri.Model.Steps.StepErrors.Permanent, $"The manifest has no pipeline '{name}'.");
}

/// <summary>Tunables of the steps, with defaults for a laptop.</summary>
public sealed record StepOptions
{
    /// <summary>
    /// DuckDB worker threads per step. One by default: converting a file is a stream, and each extra thread adds
    /// buffers that break the flat-memory promise (measured in the ingest benchmark); raise it where memory is plenty.
    /// </summary>
    public int DuckDbThreads { get; init; } = 1;

    /// <summary>
    /// How many byte ranges of one large NDJSON or CSV file a pull converts at the same time, each on its own DuckDB
    /// database and thread (ADR 0030; default: the machine's cores, at most 4; on Lambda see <see cref="FromEnvironment"/>). One turns it off, and so does a
    /// <see cref="DuckDbThreads"/> above one (the file then converts in one pass on those threads). Each range adds its
    /// own read buffer and row group, so peak memory grows with this count, not with the file.
    /// </summary>
    public int PullRanges { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>The smallest byte range <see cref="PullRanges"/> splits off: a file under twice this converts in one pass.</summary>
    public long MinRangeBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>
    /// DuckDB worker threads of the write step (default: the machine's cores, at most 4). Unlike a pull, its merge keeps
    /// no record order, so it scales with cores: on 2 cores a 10 M-row upsert's write took 4.2 s instead of 7.9 s.
    /// </summary>
    public int WriteThreads { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>
    /// DuckDB's memory limit; beyond it DuckDB spills to the store's tmp directory. Bounded so a step's memory stays
    /// flat whatever the file size (DuckDB's own default is 80% of the machine).
    /// </summary>
    public string DuckDbMemoryLimit { get; init; } = "192MB";

    /// <summary>
    /// Defaults, overridden by <c>HAKIRI_DUCKDB_THREADS</c>, <c>HAKIRI_DUCKDB_WRITE_THREADS</c>, <c>HAKIRI_PULL_RANGES</c>, <c>HAKIRI_DUCKDB_MEMORY_LIMIT</c> (e.g. <c>512MB</c>) and
    /// <c>HAKIRI_CONNECTOR_BATCH_ROWS</c> when set — a Lambda function sizes them to its memory and timeout. On Lambda
    /// (<c>AWS_LAMBDA_FUNCTION_MEMORY_SIZE</c> set) the write threads and pull ranges default to the vCPUs the
    /// function's memory pays for (see <see cref="LambdaCores"/>), not to the cores its VM shows.
    /// </summary>
    /// <param name="environment">Reads a variable; the process environment when null (tests pass their own).</param>
    public static StepOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = new StepOptions();
        if (Positive(environment("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")) is { } memoryMb)
        {
            var cores = Math.Min(LambdaCores(memoryMb), options.WriteThreads);
            options = options with { WriteThreads = cores, PullRanges = Math.Min(cores, options.PullRanges) };
        }

        if (Positive(environment("HAKIRI_DUCKDB_THREADS")) is { } threads)
        {
            options = options with { DuckDbThreads = threads };
        }

        if (Positive(environment("HAKIRI_DUCKDB_WRITE_THREADS")) is { } writeThreads)
        {
            options = options with { WriteThreads = writeThreads };
        }

        if (Positive(environment("HAKIRI_PULL_RANGES")) is { } ranges)
        {
            options = options with { PullRanges = ranges };
        }

        if (environment("HAKIRI_DUCKDB_MEMORY_LIMIT") is { Length: > 0 } limit)
        {
            options = options with { DuckDbMemoryLimit = limit };
        }

        if (Positive(environment("HAKIRI_CONNECTOR_BATCH_ROWS")) is { } rows)
        {
            options = options with { ConnectorBatchRows = rows };
        }

        return options;
    }

    /// <summary>
    /// The whole vCPUs a Lambda function of <paramref name="memoryMb"/> gets, at least one. Lambda gives CPU in
    /// proportion to memory, one vCPU-second per second at 1,769 MB, while every function up to 3,008 MB sees two cores:
    /// at the default 1,024 MB a second range or write thread only adds its memory (about 60 MiB a range).
    /// </summary>
    public static int LambdaCores(int memoryMb) => Math.Max(1, (int)Math.Round(memoryMb / 1769.0, MidpointRounding.AwayFromZero));

    private static int? Positive(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : null;

    /// <summary>
    /// Staged rows whose primary keys one pass of the write step's uniqueness check counts at most; more are counted in
    /// hash partitions of about this many, so the check's memory does not grow with the load. With several
    /// <see cref="WriteThreads"/> each thread counts its own share, so a pass counts this many divided by them.
    /// </summary>
    public long KeysPerUniquenessPass { get; init; } = 1_000_000;

    /// <summary>Files smaller than this are compaction candidates.</summary>
    public long SmallFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Compaction merges small files once a table has at least this many; the byte ranges of one source file
    /// (<see cref="PullRanges"/>) count as one.
    /// </summary>
    public int CompactMinFiles { get; init; } = 4;

    /// <summary>
    /// Rows one pull-batch of a connector source stages before it hands back (has_more): bounds a step's duration and
    /// the size of a staged file; memory is bounded by a page whatever this is.
    /// </summary>
    public int ConnectorBatchRows { get; init; } = 100_000;

    /// <summary>How long one pull-batch of a connector source keeps paging before it hands back; well under Lambda's 15 minutes.</summary>
    public TimeSpan ConnectorBatchTime { get; init; } = TimeSpan.FromMinutes(5);
}
