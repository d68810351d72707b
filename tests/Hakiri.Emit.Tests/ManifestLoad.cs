using Hakiri.Manifest;
using Hakiri.Model.Manifests;
using Hakiri.Testing;

namespace Hakiri.Emit.Tests.Manifest;

internal static class Load
{
    public static ProjectManifest Quickstart() => ManifestLoader.LoadProject(RepoPaths.Of("samples", "quickstart", "hakiri.toml")).Value!;
}
