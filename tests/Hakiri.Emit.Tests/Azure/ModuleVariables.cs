using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hakiri.Testing;

namespace Hakiri.Emit.Tests.Azure;

/// <summary>
/// Evaluates the module's variables (names, app-setting slots, the store URI) for given parameter values with the real
/// Bicep CLI's console, so the expressions ARM will evaluate are checked for values, not only for syntax. The
/// resource group id, which the console cannot know, is a fixed literal.
/// </summary>
internal static partial class ModuleVariables
{
    public const string ResourceGroupId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/hakiri";

    public static async Task<JsonObject> EvaluateAsync(JsonObject parameters, params string[] names)
    {
        var script = new StringBuilder();
        script.AppendLine("var location = 'westeurope'");
        script.AppendLine("var tags = {}");
        foreach (var (name, value) in parameters)
        {
            script.AppendLine($"var {name} = json('{value!["value"]!.ToJsonString().Replace("'", "\\'", StringComparison.Ordinal)}')");
        }

        foreach (var declaration in Declarations(File.ReadAllText(RepoPaths.Of("infra", "azure", "main.bicep"))))
        {
            script.AppendLine(declaration.Replace("resourceGroup().id", $"'{ResourceGroupId}'", StringComparison.Ordinal));
        }

        script.AppendLine($"string({{ {string.Join(", ", names.Select(n => $"{n}: {n}"))} }})");
        using var dir = new TempDirectory();
        var result = await ExternalProcess.RunAsync(BicepCli.Path, ["console"], stdin: script.ToString(), workingDirectory: dir.Path, timeout: TimeSpan.FromMinutes(2));
        var last = result.Stdout.TrimEnd().Split('\n')[^1];
        Assert.True(result.ExitCode == 0 && last.StartsWith("'{", StringComparison.Ordinal), $"{result}\n--- script\n{script}");
        return JsonNode.Parse(last[1..^1].Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal))!.AsObject();
    }

    // Top-level `var` declarations, each with its continuation lines (while brackets are open), comments removed.
    private static IEnumerable<string> Declarations(string module)
    {
        var lines = module.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("var ", StringComparison.Ordinal))
            {
                continue;
            }

            var declaration = new StringBuilder();
            var depth = 0;
            do
            {
                var line = Comment().Replace(lines[i], string.Empty);
                depth += line.Count(c => c is '[' or '(' or '{') - line.Count(c => c is ']' or ')' or '}');
                declaration.AppendLine(line);
            }
            while (depth > 0 && ++i < lines.Length);
            yield return declaration.ToString().TrimEnd();
        }
    }

    [GeneratedRegex(@"\s//\s.*$")]
    private static partial Regex Comment();
}
