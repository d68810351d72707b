using Hakiri.Manifest;
using Hakiri.Model.Manifests;
using Hakiri.Runner;
using Hakiri.Store;
using Hakiri.Store.Catalog;
using Hakiri.Store.Query;
using Hakiri.Testing;

namespace Hakiri.Steps.Tests;

/// <summary>A project in a temp directory: a manifest, source files, and its store — run with the real steps.</summary>
internal sealed class TestProject : IDisposable
{
    private readonly TempDirectory _directory = new();

    public TestProject(string manifest) => Write("hakiri.toml", manifest);

    public string Root => _directory.Path;

    public StoreLayout Layout => new(Path.Combine(Root, ".hakiri"));

    public StepOptions Options { get; init; } = new() { DuckDbThreads = 2 };

    /// <summary>The environment the steps read (secrets, the redaction salt); <see langword="null"/> for the process's own.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; set; }

    public static TestProject Quickstart()
    {
        var project = new TestProject(File.ReadAllText(RepoPaths.Of("samples", "quickstart", "hakiri.toml")));
        foreach (var file in Directory.GetFiles(RepoPaths.Of("samples", "quickstart", "data"), "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepoPaths.Of("samples", "quickstart"), file);
            project.Write(relative, File.ReadAllText(file));
        }

        return project;
    }

    public string Write(string relativePath, string content) => _directory.Write(relativePath, content);

    public ProjectManifest Manifest()
    {
        var result = ManifestLoader.LoadProject(Path.Combine(Root, "hakiri.toml"));
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        return result.Value!;
    }

    public Task<RunSummary> RunAsync(params string[] pipelines) => PipelineRunner.Local(Context()).RunAsync(pipelines);

    public StepContext Context()
    {
        var environment = Environment;
        return new StepContext(Manifest(), Layout, options: Options, connectors: environment is null ? null
            : _ => Hakiri.Connectors.Contract.ConnectorServices.CreateDefault() with { Environment = name => environment.GetValueOrDefault(name) });
    }

    public CatalogDatabase Catalog() => CatalogDatabase.Open(Layout);

    public List<object?[]> Query(string sql)
    {
        using var catalog = Catalog();
        using var engine = StoreQueryEngine.Open(Layout, catalog);
        using var reader = engine.Connection.Query(sql);
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.Columns.Count).Select(i => reader.IsNull(i) ? null : reader.GetValue(i)).ToArray());
        }

        return rows;
    }

    public long Count(string sql) => Convert.ToInt64(Query(sql)[0][0], System.Globalization.CultureInfo.InvariantCulture);

    public string[] DataFiles(string table) =>
        Directory.Exists(Path.Combine(Layout.Root, "data", table))
            ? Directory.GetFiles(Path.Combine(Layout.Root, "data", table), "*", SearchOption.AllDirectories)
            : [];

    public void Dispose() => _directory.Dispose();
}
