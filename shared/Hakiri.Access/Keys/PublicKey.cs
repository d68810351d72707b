namespace Hakiri.Access.Keys;

/// <summary>An Ed25519 public key as the manifest holds it: <c>ed25519:&lt;base64url&gt;</c>, with a short key id.</summary>
public sealed class PublicKey
{
    /// <summary>The key's id: derived from its bytes (stable), carried by each token the key signed.</summary>
    public string KeyId => throw new NotImplementedException();

    /// <summary>The <c>ed25519:…</c> text.</summary>
    public override string ToString() => throw new NotImplementedException();

    /// <summary>Parses <c>ed25519:…</c>.</summary>
    /// <exception cref="FormatException">Not a valid key text; the message says what is wrong.</exception>
    public static PublicKey Parse(string text) => throw new NotImplementedException();
}
