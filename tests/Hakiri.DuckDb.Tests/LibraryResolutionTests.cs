using Hakiri.DuckDb.Native;
using Hakiri.Testing;

namespace Hakiri.DuckDb.Tests;

/// <summary>
/// Drives <see cref="DuckDbLibrary.Load"/> with explicit inputs instead of the process environment, so the library
/// these tests (and the rest of the suite) already loaded is never disturbed.
/// </summary>
public sealed class LibraryResolutionTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Load_ConfiguredPathMissing_SaysWhatToDo()
    {
        var missing = _temp.Combine("nowhere", "libduckdb.so");

        var error = Assert.Throws<DuckDbException>(() => DuckDbLibrary.Load(missing, AppContext.BaseDirectory));

        Assert.Contains($"HAKIRI_DUCKDB_LIBRARY is set to '{missing}', but no file exists there", error.Message, StringComparison.Ordinal);
        Assert.Contains("DuckDB.NET.Bindings.Full", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ConfiguredPathNotALibrary_SaysItCouldNotBeLoaded()
    {
        var notALibrary = _temp.Write("libduckdb.so", "not an ELF file");

        var error = Assert.Throws<DuckDbException>(() => DuckDbLibrary.Load(notALibrary, AppContext.BaseDirectory));

        Assert.Contains("could not be loaded as a native library", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ConfiguredPathValid_LoadsIt()
    {
        var bundled = Path.Combine(AppContext.BaseDirectory, "libduckdb.so");

        Assert.NotEqual(0, DuckDbLibrary.Load(bundled, _temp.Path));
    }

    [Fact]
    public void Load_NothingConfigured_UsesTheCopyBesideTheApplication()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "libduckdb.so")), "the build copies libduckdb.so beside the tests");

        Assert.NotEqual(0, DuckDbLibrary.Load(null, AppContext.BaseDirectory));
    }

    [Fact]
    public void Load_NothingAnywhere_SaysToRunGetDuckDbOrSetTheVariable()
    {
        var error = Assert.Throws<DuckDbException>(() => DuckDbLibrary.Load(null, _temp.Path, "libduckdb-hakiri-absent.so"));

        Assert.Contains("DuckDB's native library was not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("DuckDB.NET.Bindings.Full", error.Message, StringComparison.Ordinal);
        Assert.Contains("HAKIRI_DUCKDB_LIBRARY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LibraryVersion_IsTheBundledRelease()
    {
        Assert.Equal("v1.5.6", DuckDbDatabase.LibraryVersion);
    }

    public void Dispose() => _temp.Dispose();
}
