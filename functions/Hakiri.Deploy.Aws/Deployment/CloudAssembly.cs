using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hakiri.Deploy.Aws.Deployment;

/// <summary>
/// What the CDK app synthesized for one stack (a cloud assembly: <c>manifest.json</c>, the template and the
/// <c>*.assets.json</c> file assets with their S3 destinations).
/// </summary>
/// <param name="StackName">The stack's name.</param>
/// <param name="TemplatePath">The template file.</param>
/// <param name="Assets">The files to upload before the stack is created or updated (the Lambda zip, the template).</param>
public sealed record CloudAssembly(string StackName, string TemplatePath, IReadOnlyList<FileAsset> Assets)
{
    /// <summary>Reads stack <paramref name="stackName"/> from the cloud assembly in <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">The assembly does not hold the stack or is not what the CDK writes.</exception>
    public static CloudAssembly Read(string directory, string stackName)
    {
        var manifest = Load(Path.Combine(directory, "manifest.json"));
        var artifacts = manifest["artifacts"]?.AsObject() ?? throw Broken(directory, "manifest.json has no artifacts");
        if (artifacts[stackName] is not JsonObject stack || (string?)stack["type"] != "aws:cloudformation:stack")
        {
            throw Broken(directory, $"it holds no stack named {stackName}");
        }

        var template = (string?)stack["properties"]?["templateFile"] ?? throw Broken(directory, $"stack {stackName} names no template file");
        var assets = new List<FileAsset>();
        foreach (var artifact in artifacts.Where(a => (string?)a.Value?["type"] == "cdk:asset-manifest" && (stack["dependencies"]?.AsArray().Any(d => (string?)d == a.Key) ?? false)))
        {
            var file = (string?)artifact.Value!["properties"]?["file"] ?? throw Broken(directory, $"{artifact.Key} names no file");
            assets.AddRange(ReadAssets(directory, file));
        }

        return new CloudAssembly(stackName, Path.Combine(directory, template), assets);
    }

    private static IEnumerable<FileAsset> ReadAssets(string directory, string file)
    {
        var manifest = Load(Path.Combine(directory, file));
        if (manifest["dockerImages"] is JsonObject { Count: > 0 })
        {
            throw Broken(directory, $"{file} lists container images, which hakiri deploy does not publish");
        }

        foreach (var (hash, asset) in manifest["files"]?.AsObject() ?? [])
        {
            var source = asset!["source"]!;
            if ((string?)source["packaging"] != "file")
            {
                throw Broken(directory, $"asset {hash} is packaged as '{source["packaging"]}'; only files are published");
            }

            foreach (var (_, destination) in asset["destinations"]?.AsObject() ?? [])
            {
                yield return new FileAsset(
                    Path.Combine(directory, (string)source["path"]!),
                    (string)destination!["bucketName"]!,
                    (string)destination["objectKey"]!);
            }
        }
    }

    private static JsonObject Load(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: cannot read the cloud assembly: {e.Message}", e);
        }
    }

    private static InvalidDataException Broken(string directory, string problem) =>
        new($"{directory}: not a cloud assembly hakiri can deploy: {problem}");
}

/// <summary>A file to upload, with its destination; bucket and key may hold <c>${AWS::AccountId}</c>-style placeholders.</summary>
/// <param name="SourcePath">The local file.</param>
/// <param name="BucketName">The destination bucket.</param>
/// <param name="ObjectKey">The destination key (content-addressed: the file's hash).</param>
public sealed record FileAsset(string SourcePath, string BucketName, string ObjectKey);
