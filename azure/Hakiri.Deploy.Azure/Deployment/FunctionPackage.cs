using System.Security.Cryptography;

namespace Hakiri.Deploy.Azure.Deployment;

/// <summary>The function app's zip, with a hash that tells whether it changed since the last deploy.</summary>
/// <param name="Path">The zip file.</param>
/// <param name="Hash">The first 16 hex digits of its SHA-256.</param>
public sealed record FunctionPackage(string Path, string Hash)
{
    /// <summary>Reads <paramref name="path"/> and hashes it.</summary>
    public static FunctionPackage Of(string path)
    {
        using var stream = File.OpenRead(path);
        return new FunctionPackage(path, Convert.ToHexStringLower(SHA256.HashData(stream))[..16]);
    }
}
