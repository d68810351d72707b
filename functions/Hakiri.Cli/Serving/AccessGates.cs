using Hakiri.Access.Audit;
using Hakiri.Access.Tokens;
using Hakiri.Model.Manifests;
using Hakiri.Store;

namespace Hakiri.Cli.Serving;

/// <summary>Builds the token gate a server uses from the manifest's <c>[access]</c> section and the store's revocation list.</summary>
internal static class AccessGates
{
    /// <summary>The gate for <paramref name="manifest"/>, or <see langword="null"/> when it has no <c>[access]</c> section (open store).</summary>
    public static TokenGate? For(ProjectManifest manifest, StoreLayout layout) => null;

    /// <summary>Where the server records every read (the store's audit log), or <see langword="null"/> when nothing records them yet.</summary>
    public static IAuditSink? AuditSinkFor(ProjectManifest manifest, StoreLayout layout) => null;
}
