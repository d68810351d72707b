using System.Text.RegularExpressions;

namespace Hakiri.Manifest.Text;

/// <summary>Writes TOML key paths the way a user would type them in a header.</summary>
internal static partial class KeyPaths
{
    /// <summary>Appends a key to a dotted path, quoting it when it is not a bare key.</summary>
    public static string Append(string path, string key)
    {
        var part = BareKey().IsMatch(key) ? key : "\"" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        return path.Length == 0 ? part : path + "." + part;
    }

    /// <summary>Names a table for messages: <c>[pipelines.orders]</c>, or "the manifest" for the root.</summary>
    public static string Table(string path, string rootName) => path.Length == 0 ? rootName : $"[{path}]";

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex BareKey();
}
