using System.Security.Cryptography;

namespace Hakiri.Access.Keys;

/// <summary>An Ed25519 public key as the manifest holds it: <c>ed25519:&lt;base64url&gt;</c>, with a short key id.</summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    private const string Prefix = "ed25519:";
    private readonly byte[] _bytes;

    internal PublicKey(byte[] bytes)
    {
        _bytes = bytes;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8));
    }

    /// <summary>The key's id: derived from its bytes (stable), carried by each token the key signed.</summary>
    public string KeyId { get; }

    internal ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The <c>ed25519:…</c> text.</summary>
    public override string ToString() => Prefix + Base64Url.Encode(_bytes);

    /// <summary>Parses <c>ed25519:…</c>.</summary>
    /// <exception cref="FormatException">Not a valid key text; the message says what is wrong.</exception>
    public static PublicKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (!trimmed.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException("The public key does not start with 'ed25519:': copy it as 'hakiri key init' printed it.");
        }

        if (!Base64Url.TryDecode(trimmed[Prefix.Length..], out var bytes) || bytes.Length != Ed25519.PublicKeyLength)
        {
            throw new FormatException("The public key after 'ed25519:' is not 32 bytes of unpadded base64url: copy it as 'hakiri key init' printed it.");
        }

        return new PublicKey(bytes);
    }

    /// <inheritdoc />
    public bool Equals(PublicKey? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    /// <inheritdoc />
    public override int GetHashCode() => KeyId.GetHashCode(StringComparison.Ordinal);
}
