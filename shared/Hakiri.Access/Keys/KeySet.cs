namespace Hakiri.Access.Keys;

/// <summary>The public keys a verifier trusts: the current one and retired ones still honoured for tokens they signed.</summary>
/// <param name="Current">The key new tokens are signed with.</param>
/// <param name="Retired">Keys replaced by <c>hakiri key rotate</c>; each verifies only tokens that expire by its <see cref="RetiredKey.Until"/>.</param>
public sealed record KeySet(PublicKey Current, IReadOnlyList<RetiredKey> Retired);

/// <summary>A rotated-out key and the instant after which nothing it signed is valid.</summary>
public sealed record RetiredKey(PublicKey Key, DateTimeOffset Until);
