using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hakiri.Infra.Aws.Tests;

/// <summary>Reading synthesized CloudFormation templates.</summary>
internal static partial class Templates
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IEnumerable<(string Id, JsonObject Properties)> Resources(JsonObject template, string type) =>
        template["Resources"]!.AsObject()
            .Where(r => (string?)r.Value!["Type"] == type)
            .Select(r => (r.Key, r.Value!["Properties"]?.AsObject() ?? []));

    public static IEnumerable<JsonObject> Statements(JsonObject policy) =>
        policy["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject());

    public static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(a => a!.ToJsonString()).ToArray(),
        null => [],
        _ => [node.ToJsonString()],
    };

    /// <summary>
    /// The template without what changes from machine to machine or CDK release: asset hashes and the bootstrap
    /// version check, which belong to the CDK's deployment plumbing rather than to the stack Hakiri defines.
    /// </summary>
    public static string Normalize(JsonObject template)
    {
        var copy = template.DeepClone().AsObject();
        copy["Parameters"]?.AsObject().Remove("BootstrapVersion");
        if (copy["Parameters"] is JsonObject { Count: 0 })
        {
            copy.Remove("Parameters");
        }

        copy.Remove("Rules");
        var text = copy.ToJsonString(Indented);
        return AssetHash().Replace(text, "<asset-hash>") + "\n";
    }

    /// <summary>
    /// Compares the normalized template with Golden/<paramref name="fileName"/>; <c>HAKIRI_UPDATE_GOLDEN=1</c> rewrites the
    /// file instead (review the diff before committing it).
    /// </summary>
    public static void AssertGolden(JsonObject template, string fileName)
    {
        var actual = Normalize(template);
        var path = Hakiri.Testing.RepoPaths.Of("tests", "Hakiri.Infra.Aws.Tests", "Golden", fileName);
        if (Environment.GetEnvironmentVariable("HAKIRI_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests once with HAKIRI_UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    /// <summary>Runs cfn-lint on a template; its exit code is a bit set (1 fatal, 2 errors, 4 warnings, 8 informational).</summary>
    public static async Task AssertCfnLintPassesAsync(string templatePath)
    {
        var cfnLint = Environment.GetEnvironmentVariable("HAKIRI_CFN_LINT") ?? "cfn-lint";
        var result = await Hakiri.Testing.ExternalProcess.RunAsync(cfnLint, ["--format", "parseable", templatePath], timeout: TimeSpan.FromMinutes(2));
        // CDK's own output draws warnings (W3005, a DependsOn next to a GetAtt); errors are what CloudFormation would reject.
        Assert.True((result.ExitCode & 3) == 0, result.ToString());
    }

    [GeneratedRegex("[0-9a-f]{64}")]
    private static partial Regex AssetHash();
}
