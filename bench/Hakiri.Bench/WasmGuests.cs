using Hakiri.Wasm.Build;

/// <summary>A built copy of an items test guest: its folder (connector.toml and the module) and the module.</summary>
internal sealed record WasmGuest(string Language, string Directory, string Wasm);

/// <summary>Builds the honest items guests (tests/guests/c/items, tests/guests/rust/items) into the work folder.</summary>
internal static class WasmGuests
{
    public static async Task<IReadOnlyList<WasmGuest>> BuildAsync(string work)
    {
        var root = RepositoryRoot();
        var c = await BuildOneAsync(work, "c", async (source, output) =>
        {
            var result = await CGuestBuild.BuildAsync(source, Path.Combine(root, "connectors", "sdk", "c"), output);
            return result.Error is null ? output : throw new InvalidOperationException(result.Error);
        });
        var rust = await BuildOneAsync(work, "rust", (source, output) =>
            RustGuestBuild.BuildAsync(source, Path.Combine(root, "connectors", "sdk", "rust"), output));
        return [c, rust];
    }

    private static async Task<WasmGuest> BuildOneAsync(string work, string language, Func<string, string, Task<string>> build)
    {
        // The items guests are the connector templates named items (tests/Hakiri.Testing/TestGuests.cs).
        var directory = Hakiri.Testing.TestGuests.Prepare(language, "items", Path.Combine(work, language, "items"));
        var wasm = await build(directory, Path.Combine(directory, "items.wasm"));
        return new WasmGuest(language, directory, wasm);
    }

    // The scripts run the bench from the repository root; a run from elsewhere in the checkout finds it too.
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hakiri.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmark from inside a Hakiri checkout (it builds tests/guests/*/items)");
    }
}
