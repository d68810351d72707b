using Hakiri.Testing;
using Hakiri.Wasm.Build;

namespace Hakiri.Wasm.Tests.Guests.C;

/// <summary>Builds the C guests once for the collection: items, hostile, and the template (named my-items).</summary>
public sealed class CGuestsFixture : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    /// <summary>The SDK folder in this checkout.</summary>
    public static string Sdk => RepoPaths.Of("connectors", "sdk", "c");

    /// <summary>The template instantiated with the name my-items.</summary>
    public string TemplateCopy => _temp.Combine("my-items");

    public CGuestBuildResult Items { get; private set; } = null!;

    public CGuestBuildResult Hostile { get; private set; } = null!;

    public CGuestBuildResult Template { get; private set; } = null!;

    public string Scratch(string name) => _temp.Combine(name);

    public async Task InitializeAsync()
    {
        var (toolchain, problem) = await CGuestBuild.FindToolchainAsync();
        Assert.True(toolchain is not null, problem);
        Items = await CGuestBuild.BuildAsync(TestGuests.Prepare("c", "items", _temp.Combine("items")), Sdk, _temp.Combine("items.wasm"), toolchain);
        Hostile = await CGuestBuild.BuildAsync(RepoPaths.Of("tests", "guests", "c", "hostile"), Sdk, _temp.Combine("hostile.wasm"), toolchain);

        var template = RepoPaths.Of("connectors", "templates", "c");
        foreach (var file in Directory.EnumerateFiles(template, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file).Replace("{{name}}", "my-items", StringComparison.Ordinal);
            _temp.Write(Path.Combine("my-items", Path.GetRelativePath(template, file)), text);
        }

        Template = await CGuestBuild.BuildAsync(TemplateCopy, Sdk, toolchain: toolchain);
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class CGuestsCollection : ICollectionFixture<CGuestsFixture>
{
    public const string Name = "C guests";
}
