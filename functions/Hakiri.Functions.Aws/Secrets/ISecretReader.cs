using Hakiri.Model.Manifests;

namespace Hakiri.Functions.Aws.Secrets;

/// <summary>Reads a secret's value from where it lives; the seam tests replace.</summary>
internal interface ISecretReader
{
    /// <summary>The value; a <see cref="SecretReadException"/> when it cannot be read.</summary>
    Task<string> ReadAsync(SecretReference reference, CancellationToken cancellationToken);
}
