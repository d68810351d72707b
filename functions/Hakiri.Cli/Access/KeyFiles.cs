using Hakiri.Access.Keys;

namespace Hakiri.Cli.Access;

/// <summary>
/// Where private signing keys live: one file per key id under <c>HAKIRI_KEY_DIR</c>, else
/// <c>$XDG_CONFIG_HOME/hakiri/keys</c>, else <c>~/.config/hakiri/keys</c> — outside the store and the repository, readable by
/// the owner only. <c>HAKIRI_SIGNING_KEY</c> (the key text itself) serves machines where a file is awkward (CI).
/// </summary>
internal static class KeyFiles
{
    public const string KeyTextVariable = "HAKIRI_SIGNING_KEY";

    public static string Directory()
    {
        if (Environment.GetEnvironmentVariable("HAKIRI_KEY_DIR") is { Length: > 0 } explicitDirectory)
        {
            return Path.GetFullPath(explicitDirectory);
        }

        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.GetFullPath(Path.Combine(config, "hakiri", "keys"));
    }

    public static string PathOf(string keyId) => Path.Combine(Directory(), keyId + ".key");

    /// <summary>Writes a new key file (owner read/write only, in an owner-only directory); refuses to overwrite.</summary>
    public static string Write(SigningKey key)
    {
        var directory = Directory();
        System.IO.Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var path = PathOf(key.PublicKey.KeyId);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.UTF8, options);
        writer.WriteLine(key.Export());
        return path;
    }

    /// <summary>
    /// The private key for <paramref name="expected"/>: from <paramref name="file"/>, <c>HAKIRI_SIGNING_KEY</c>, or the key directory.
    /// </summary>
    /// <exception cref="AccessCommandException">No such key, unreadable, or not the key the manifest names.</exception>
    public static SigningKey Load(PublicKey expected, string? file)
    {
        string text;
        string where;
        if (file is not null)
        {
            where = file;
            text = Read(file, expected);
        }
        else if (Environment.GetEnvironmentVariable(KeyTextVariable) is { Length: > 0 } fromEnvironment)
        {
            where = KeyTextVariable;
            text = fromEnvironment;
        }
        else
        {
            where = PathOf(expected.KeyId);
            text = Read(where, expected);
        }

        SigningKey key;
        try
        {
            key = SigningKey.Import(text.Trim());
        }
        catch (FormatException e)
        {
            throw new AccessCommandException($"{where} does not hold a Hakiri private key: {e.Message}");
        }

        if (key.PublicKey.KeyId != expected.KeyId)
        {
            key.Dispose();
            throw new AccessCommandException(
                $"{where} holds key {key.PublicKey.KeyId}, but the manifest's [access] public_key is key {expected.KeyId}; use the private key 'hakiri key init' or 'hakiri key rotate' wrote for it");
        }

        return key;
    }

    private static string Read(string path, PublicKey expected)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new AccessCommandException(
                $"the private key for the manifest's public key {expected.KeyId} is not at {path}; pass --key-file, set {KeyTextVariable}, or run this where 'hakiri key init' ran (HAKIRI_KEY_DIR names the key directory)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AccessCommandException($"cannot read the private key at {path}: {e.Message}");
        }
    }
}

/// <summary>A key or token command could not do what was asked; the message is the sentence to print (exit 2).</summary>
internal sealed class AccessCommandException(string message) : Exception(message);
