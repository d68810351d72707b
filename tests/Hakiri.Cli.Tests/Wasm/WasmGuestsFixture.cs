using Hakiri.Testing;

namespace Hakiri.Cli.Tests.Wasm;

/// <summary>
/// Builds the test guests once for the collection, the way a user does: a copy of each folder under
/// <c>tests/guests</c>, compiled by <c>hakiri connector build</c>. Tests copy a built folder into their project.
/// </summary>
public sealed class WasmGuestsFixture : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, Task<string>> _built = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>A built copy of <c>tests/guests/LANGUAGE/NAME</c> (built on first use, then shared).</summary>
    public async Task<string> BuiltAsync(string language, string name)
    {
        await _gate.WaitAsync();
        try
        {
            var key = $"{language}/{name}";
            if (!_built.TryGetValue(key, out var build))
            {
                build = BuildAsync(language, name);
                _built[key] = build;
            }

            return await build;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Copies a built guest into <paramref name="project"/>'s <c>connectors/FOLDER</c>, optionally editing its connector.toml.</summary>
    public async Task<string> CopyIntoAsync(TempDirectory project, string language, string name, string folder, Func<string, string>? editToml = null)
    {
        var built = await BuiltAsync(language, name);
        var target = project.Combine("connectors", folder);
        CopyFolder(built, target);
        if (editToml is not null)
        {
            var toml = Path.Combine(target, "connector.toml");
            File.WriteAllText(toml, editToml(File.ReadAllText(toml)));
        }

        return target;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _temp.Dispose();
        _gate.Dispose();
        return Task.CompletedTask;
    }

    internal static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private async Task<string> BuildAsync(string language, string name)
    {
        var folder = _temp.Combine(language, name);
        TestGuests.Prepare(language, name, folder);
        var build = await HakiriProcess.RunAsync("connector", "build", folder);
        Assert.True(build.ExitCode == 0, build.ToString());
        return folder;
    }
}

[CollectionDefinition(Name)]
public sealed class WasmGuestsCollection : ICollectionFixture<WasmGuestsFixture>
{
    public const string Name = "Wasm guests built by hakiri connector build";
}
