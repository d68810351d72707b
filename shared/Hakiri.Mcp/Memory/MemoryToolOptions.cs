using Hakiri.Access.Policy;
using Hakiri.Memory;

namespace Hakiri.Mcp.Memory;

/// <summary>
/// Whether and as whom the server's memory tools write. Reading memory (<c>memory.search</c>) needs none of this: the
/// memory table is read like any table, under the caller's token. Writing needs a <see cref="Store"/>, and then either
/// a token with <c>write:memory</c> (the writer is its subject) or, on a server without tokens, <see cref="LocalWriter"/>
/// (<c>hakiri serve --memory</c>).
/// </summary>
public sealed record MemoryToolOptions
{
    /// <summary>The writer of the store's memory table; <see langword="null"/>: memory writes are refused with <see cref="Unavailable"/>.</summary>
    public MemoryStore? Store { get; init; }

    /// <summary>Who writes on a server without access control (an explicit local opt-in); <see langword="null"/> refuses writes there.</summary>
    public Subject? LocalWriter { get; init; }

    /// <summary>Why writes are refused when there is no <see cref="Store"/> (for example an object-store project).</summary>
    public string? Unavailable { get; init; }

    /// <summary>The agent name of a local session's rows.</summary>
    public const string LocalAgent = "local";

    /// <summary>The action that lets a token delete other agents' memory.</summary>
    public const string DeleteAnyAction = "delete:memory:any";

    /// <summary>The action every memory write and delete needs under access control.</summary>
    public const string WriteAction = "write:memory";
}
