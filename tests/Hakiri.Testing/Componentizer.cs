namespace Hakiri.Testing;

/// <summary>
/// Turns a guest's core module into a component against <c>wit/connector.wit</c> with jco's wasm-tools
/// (<c>tests/tools/componentize.mjs</c>): the independent proof that a guest implements the world.
/// </summary>
public static class Componentizer
{
    /// <summary>Componentizes <paramref name="coreModule"/> for <paramref name="world"/>; the result's stdout is the component's WIT.</summary>
    /// <param name="coreModule">The guest's core module.</param>
    /// <param name="world"><c>source-connector</c> or <c>destination-connector</c>.</param>
    /// <param name="output">Where to write the component, if wanted.</param>
    public static Task<ProcessResult> RunAsync(string coreModule, string world = "source-connector", string? output = null)
    {
        List<string> arguments = [RepoPaths.Of("tests", "tools", "componentize.mjs"), coreModule, RepoPaths.Of("wit", "connector.wit"), world];
        if (output is not null)
        {
            arguments.Add(output);
        }

        return ExternalProcess.RunAsync("node", arguments, timeout: TimeSpan.FromSeconds(90));
    }
}
