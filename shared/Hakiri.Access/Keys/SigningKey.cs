using System.Security.Cryptography;

namespace Hakiri.Access.Keys;

/// <summary>The project's Ed25519 private key. Its text form goes in a file outside the store and the repository.</summary>
public sealed class SigningKey : IDisposable
{
    private const string Prefix = "ed25519-private:";
    private readonly byte[] _seed;
    private bool _disposed;

    private SigningKey(byte[] seed)
    {
        _seed = seed;
        PublicKey = new PublicKey(Ed25519.PublicKeyOf(seed));
    }

    /// <summary>The matching public key.</summary>
    public PublicKey PublicKey { get; }

    /// <summary>A new random key.</summary>
    public static SigningKey Generate() => new(Ed25519.NewSeed());

    /// <summary>Reads the text form written by <see cref="Export"/>.</summary>
    /// <exception cref="FormatException">Not a private key text.</exception>
    public static SigningKey Import(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (!trimmed.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException("The signing key file does not start with 'ed25519-private:': point to the file 'hakiri key init' wrote.");
        }

        if (!Base64Url.TryDecode(trimmed[Prefix.Length..], out var seed) || seed.Length != Ed25519.SeedLength)
        {
            throw new FormatException("The signing key after 'ed25519-private:' is not 32 bytes of unpadded base64url: the file is damaged; restore it or run 'hakiri key rotate'.");
        }

        return new SigningKey(seed);
    }

    /// <summary>The private key as text (<c>ed25519-private:…</c>), to store with owner-only permissions.</summary>
    public string Export()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Prefix + Base64Url.Encode(_seed);
    }

    internal byte[] Sign(ReadOnlySpan<byte> message)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Ed25519.Sign(_seed, message);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_seed);
        _disposed = true;
    }
}
