using System.Text.RegularExpressions;
using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;
using Hakiri.Toml;

namespace Hakiri.Manifest.Binding;

/// <summary>
/// Reads <c>[project] store</c>: a directory relative to the manifest, <c>s3://bucket/prefix</c> or
/// <c>azblob://container/prefix</c>.
/// </summary>
internal static partial class StoreBinder
{
    public const string DefaultDirectory = ".hakiri";

    public static StoreLocation? Bind(TomlString? node, string manifestPath, DiagnosticBag diagnostics)
    {
        var baseDirectory = Path.GetDirectoryName(manifestPath) ?? ".";
        var text = node?.Value ?? DefaultDirectory;
        if (text.Length == 0)
        {
            diagnostics.Error(node!.Position.Line, node.Position.Column, "store is empty",
                $"remove it to use \"{DefaultDirectory}\" beside the manifest, or write a directory, s3://bucket/prefix or azblob://container/prefix");
            return null;
        }

        var scheme = SchemePrefix().Match(text);
        if (!scheme.Success)
        {
            return new LocalStoreLocation(Path.GetFullPath(Path.Combine(baseDirectory, text)));
        }

        return scheme.Groups[1].Value switch
        {
            "s3" => BindS3(node!, text, diagnostics),
            "azblob" => BindAzureBlob(node!, text, diagnostics),
            _ => Unsupported(node!, scheme.Groups[1].Value, diagnostics),
        };
    }

    /// <summary>
    /// Reads <c>[project] remote</c>, the bucket <c>hakiri sync</c> shares the store through: <c>s3://bucket/prefix</c> or
    /// <c>azblob://container/prefix</c>; null when absent.
    /// </summary>
    public static StoreLocation? BindRemote(TomlString? node, DiagnosticBag diagnostics)
    {
        if (node is null)
        {
            return null;
        }

        var scheme = SchemePrefix().Match(node.Value);
        switch (scheme.Success ? scheme.Groups[1].Value : null)
        {
            case "s3":
                return BindS3(node, node.Value, diagnostics);
            case "azblob":
                return BindAzureBlob(node, node.Value, diagnostics);
            default:
                diagnostics.Error(node.Position.Line, node.Position.Column, $"remote '{node.Value}' is not a bucket",
                    "write s3://bucket/prefix or azblob://container/prefix (the bucket hakiri sync shares the store through)");
                return null;
        }
    }

    private static StoreLocation? Unsupported(TomlString node, string scheme, DiagnosticBag diagnostics)
    {
        diagnostics.Error(node.Position.Line, node.Position.Column, $"store scheme '{scheme}://' is not supported",
            "use a directory, s3://bucket/prefix or azblob://container/prefix");
        return null;
    }

    private static S3StoreLocation? BindS3(TomlString node, string text, DiagnosticBag diagnostics)
    {
        var location = S3StoreLocation.Parse(text);
        var bucket = location.Bucket;
        if (!BucketName().IsMatch(bucket) || bucket.Contains("..", StringComparison.Ordinal))
        {
            var at = TomlRead.Inside(node, 5);
            diagnostics.Error(at.Line, at.Column, $"'{bucket}' is not a valid S3 bucket name",
                "bucket names are 3-63 characters of lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit");
            return null;
        }

        return location;
    }

    private static AzureBlobStoreLocation? BindAzureBlob(TomlString node, string text, DiagnosticBag diagnostics)
    {
        var location = AzureBlobStoreLocation.Parse(text);
        var container = location.Container;
        if (!ContainerName().IsMatch(container) || container.Contains("--", StringComparison.Ordinal))
        {
            var at = TomlRead.Inside(node, AzureBlobStoreLocation.Scheme.Length);
            diagnostics.Error(at.Line, at.Column, $"'{container}' is not a valid Azure Blob container name",
                "container names are 3-63 characters of lower-case letters, digits and single hyphens, starting and ending with a letter or digit");
            return null;
        }

        return location;
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*)://")]
    private static partial Regex SchemePrefix();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerName();
}
