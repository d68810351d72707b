using System.Text.RegularExpressions;
using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;
using Hakiri.Toml;

namespace Hakiri.Manifest.Binding;

/// <summary>Reads <c>[project] store</c>: a directory relative to the manifest, or <c>s3://bucket/prefix</c>.</summary>
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
                $"remove it to use \"{DefaultDirectory}\" beside the manifest, or write a directory or s3://bucket/prefix");
            return null;
        }

        var scheme = SchemePrefix().Match(text);
        if (!scheme.Success)
        {
            return new LocalStoreLocation(Path.GetFullPath(Path.Combine(baseDirectory, text)));
        }

        if (!string.Equals(scheme.Groups[1].Value, "s3", StringComparison.Ordinal))
        {
            diagnostics.Error(node!.Position.Line, node.Position.Column, $"store scheme '{scheme.Groups[1].Value}://' is not supported",
                "use a directory or s3://bucket/prefix");
            return null;
        }

        var location = S3StoreLocation.Parse(text);
        var bucket = location.Bucket;
        if (!BucketName().IsMatch(bucket) || bucket.Contains("..", StringComparison.Ordinal))
        {
            var at = TomlRead.Inside(node!, 5);
            diagnostics.Error(at.Line, at.Column, $"'{bucket}' is not a valid S3 bucket name",
                "bucket names are 3-63 characters of lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit");
            return null;
        }

        return location;
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*)://")]
    private static partial Regex SchemePrefix();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
