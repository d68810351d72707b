namespace Hakiri.Access.Keys;

/// <summary>The project's Ed25519 private key. Its text form goes in a file outside the store and the repository.</summary>
public sealed class SigningKey : IDisposable
{
    /// <summary>The matching public key.</summary>
    public PublicKey PublicKey => throw new NotImplementedException();

    /// <summary>A new random key.</summary>
    public static SigningKey Generate() => throw new NotImplementedException();

    /// <summary>Reads the text form written by <see cref="Export"/>.</summary>
    /// <exception cref="FormatException">Not a private key text.</exception>
    public static SigningKey Import(string text) => throw new NotImplementedException();

    /// <summary>The private key as text (<c>ed25519-private:…</c>), to store with owner-only permissions.</summary>
    public string Export() => throw new NotImplementedException();

    /// <inheritdoc />
    public void Dispose() => throw new NotImplementedException();
}
