using Hakiri.Access.Policy;

namespace Hakiri.Mcp;

/// <summary>
/// How the MCP server learns who calls under access control. Each request's scope is the one its transport admitted
/// (an HTTP front door puts it on the request's user, see <see cref="Http.AccessPrincipal"/>), else <see cref="Scope"/>
/// (stdio, admitted once at start). A request with neither is refused; without a <see cref="ServerAccess"/> the store is open.
/// </summary>
/// <param name="Scope">The scope of every request that carries none of its own (stdio's <c>--token</c>); null over HTTP.</param>
public sealed record ServerAccess(AccessScope? Scope = null);
