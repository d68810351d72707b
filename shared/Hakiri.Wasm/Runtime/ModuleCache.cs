using System.Security.Cryptography;
using Wasmtime;

namespace Hakiri.Wasm.Runtime;

/// <summary>
/// Compiled modules on disk, keyed by the SHA-256 of the core module's bytes: <c>&lt;dir&gt;/&lt;sha&gt;.cwasm</c> holds
/// Wasmtime's serialized module followed by the SHA-256 of that serialization, checked before Wasmtime sees a byte
/// (deserializing damaged machine code is undefined behaviour). A damaged, truncated or incompatible file (another
/// Wasmtime version) is compiled again and overwritten; the cache can never make a load fail.
/// </summary>
internal static class ModuleCache
{
    private const int TrailerLength = SHA256.HashSizeInBytes;

    /// <summary>Loads <paramref name="coreModule"/>, from the cache when a valid entry exists.</summary>
    /// <returns>The module and whether it came from the cache (warm) or was compiled (cold).</returns>
    /// <exception cref="WasmtimeException">The bytes are not a valid module.</exception>
    public static (Module Module, bool Warm) Load(Engine engine, string name, ReadOnlySpan<byte> coreModule, string hash, string? directory)
    {
        var path = directory is null ? null : Path.Combine(directory, hash + ".cwasm");
        if (path is not null && TryDeserialize(engine, name, path) is { } cached)
        {
            return (cached, true);
        }

        var module = Module.FromBytes(engine, name, coreModule);
        if (path is not null)
        {
            TryWrite(path, module.Serialize());
        }

        return (module, false);
    }

    /// <summary>The lowercase hex SHA-256 of the core module: the cache key.</summary>
    public static string HashOf(ReadOnlySpan<byte> coreModule) => Convert.ToHexStringLower(SHA256.HashData(coreModule));

    private static Module? TryDeserialize(Engine engine, string name, string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (bytes.Length <= TrailerLength)
        {
            return null;
        }

        var body = bytes.AsSpan(0, bytes.Length - TrailerLength);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - TrailerLength)))
        {
            return null;
        }

        try
        {
            return Module.Deserialize(engine, name, body);
        }
        catch (WasmtimeException)
        {
            return null;
        }
    }

    private static void TryWrite(string path, byte[] serialized)
    {
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(serialized);
                file.Write(SHA256.HashData(serialized));
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only or full disk costs a recompile next time, not this load.
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
