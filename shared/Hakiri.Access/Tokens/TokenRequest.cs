using Hakiri.Access.Policy;

namespace Hakiri.Access.Tokens;

/// <summary>What <c>hakiri token issue</c> asks for.</summary>
/// <param name="Subject">Who the token is for.</param>
/// <param name="Actions">Allowed actions (<c>read</c>, <c>write:memory</c>).</param>
/// <param name="Tables">Table names or patterns (at least one).</param>
/// <param name="Filters">Row filters as text, <c>table: predicate</c> (e.g. <c>customers: region = "EU"</c>).</param>
/// <param name="Redact">Columns to redact, <c>table.column</c>.</param>
/// <param name="Ttl">How long the token is valid from issue.</param>
public sealed record TokenRequest(
    Subject Subject,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Tables,
    IReadOnlyList<string> Filters,
    IReadOnlyList<string> Redact,
    TimeSpan Ttl)
{
    /// <summary>Where the holder's model runs (<c>public-cloud:openai</c>), or <see langword="null"/> for no declared zone.</summary>
    public string? Zone { get; init; }
}

/// <summary>What <c>hakiri token attenuate</c> adds: each part can only narrow the token it is applied to.</summary>
/// <param name="Tables">Tables to keep (each must be covered by the token's), or <see langword="null"/> to keep all.</param>
/// <param name="Actions">Actions to keep, or <see langword="null"/>.</param>
/// <param name="Filters">Extra row filters, <c>table: predicate</c>.</param>
/// <param name="Redact">Extra columns to redact.</param>
/// <param name="Ttl">A shorter lifetime from now, or <see langword="null"/>.</param>
public sealed record Attenuation(
    IReadOnlyList<string>? Tables,
    IReadOnlyList<string>? Actions,
    IReadOnlyList<string> Filters,
    IReadOnlyList<string> Redact,
    TimeSpan? Ttl)
{
    /// <summary>A zone the attenuation asks for; always refused, since only the issuer names the holder's zone.</summary>
    public string? Zone { get; init; }
}
