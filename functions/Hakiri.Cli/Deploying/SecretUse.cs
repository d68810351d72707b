using Hakiri.Connectors;
using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Deploying;

/// <summary>
/// How <c>[deploy.aws] secrets</c> matches the variables the sources read (<see cref="SourceConnectors.SecretVariables"/>,
/// whatever the connector): a secret no source reads is granted for nothing; a source variable no secret names is read
/// from the deployed function's environment, which the stack does not set.
/// </summary>
internal static class SecretUse
{
    /// <summary>Warnings for secrets no pipeline's source reads (<c>hakiri validate</c> and <c>deploy</c>).</summary>
    public static IReadOnlyList<Diagnostic> Unused(ProjectManifest manifest, string? file = null)
    {
        var read = manifest.Pipelines.SelectMany(SourceConnectors.SecretVariables).ToHashSet(StringComparer.Ordinal);
        return manifest.Aws.Secrets.Where(s => !read.Contains(s.Key)).OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new Diagnostic(DiagnosticSeverity.Warning, file ?? manifest.ManifestPath, 0, 0,
                $"[deploy.aws] secrets names {s.Key} ({s.Value}), which no pipeline's source reads",
                "remove it, or fix the variable's name: the deployed functions may read that secret for nothing"))
            .ToArray();
    }

    /// <summary>Warnings for source variables that <c>[deploy.aws] secrets</c> does not name (<c>deploy</c> only).</summary>
    public static IReadOnlyList<string> Missing(ProjectManifest manifest) =>
        manifest.Pipelines
            .SelectMany(p => SourceConnectors.SecretVariables(p).Where(v => !manifest.Aws.Secrets.ContainsKey(v)).Select(v => (Pipeline: p.Name, Variable: v)))
            .Select(m => $"pipeline '{m.Pipeline}' reads {m.Variable}, which [deploy.aws] secrets does not name: it will be read from the function's environment, which the template does not set — add {m.Variable} = \"ssm:/…\" (or \"secretsmanager:…\") to [deploy.aws] secrets")
            .Distinct(StringComparer.Ordinal)
            .ToArray();
}
