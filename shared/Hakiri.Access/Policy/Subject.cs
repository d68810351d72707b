namespace Hakiri.Access.Policy;

/// <summary>Who reads: the principal a token names. Audit records and memory rows carry it.</summary>
/// <param name="Agent">The agent's name (required, non-empty).</param>
/// <param name="Host">Where the agent runs (a machine or service name), if the issuer said.</param>
/// <param name="OnBehalfOf">The user the agent acts for, if any.</param>
/// <param name="TaskId">The task the token was issued for, if any.</param>
public sealed record Subject(string Agent, string? Host = null, string? OnBehalfOf = null, string? TaskId = null);
