using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;

namespace Hakiri.Functions.Aws.Secrets;

/// <summary>
/// The environment the connectors of a deployed function see: the process environment, plus the variables
/// <c>HAKIRI_SECRETS</c> names, whose values are read from SSM Parameter Store or Secrets Manager before the first step
/// runs and kept for the container's life. Values never enter the process environment (no child process or dump sees
/// them) — connectors get them through <c>ConnectorServices.Environment</c>. A failed read fails the invocation with a
/// sentence naming the variable and the reference (Transient when a retry may help) and is tried again next time.
/// </summary>
internal sealed class SecretEnvironment
{
    private readonly IReadOnlyDictionary<string, SecretReference> _references;
    private readonly ISecretReader _reader;
    private readonly Func<string, string?> _fallback;
    private Dictionary<string, string>? _values;

    public SecretEnvironment(IReadOnlyDictionary<string, SecretReference> references, ISecretReader reader, Func<string, string?> fallback)
    {
        _references = references;
        _reader = reader;
        _fallback = fallback;
    }

    /// <summary>From <c>HAKIRI_SECRETS</c> (a malformed value is a Permanent error naming it), read through SSM and Secrets Manager.</summary>
    public static SecretEnvironment FromProcess()
    {
        IReadOnlyDictionary<string, SecretReference> references;
        try
        {
            references = SecretsVariable.Parse(Environment.GetEnvironmentVariable(SecretsVariable.Name));
        }
        catch (FormatException e)
        {
            throw new StepFailedException(StepErrors.Permanent, e.Message);
        }

        return new SecretEnvironment(references, references.Count == 0 ? NoSecrets.Instance : new AwsSecretReader(), Environment.GetEnvironmentVariable);
    }

    /// <summary>Whether any variable comes from a secret store.</summary>
    public bool IsEmpty => _references.Count == 0;

    /// <summary>Reads every secret once; later calls return at once.</summary>
    public async Task ResolveAsync(CancellationToken cancellationToken)
    {
        if (_values is not null || IsEmpty)
        {
            return;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (variable, reference) in _references.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            try
            {
                values[variable] = await _reader.ReadAsync(reference, cancellationToken).ConfigureAwait(false);
            }
            catch (SecretReadException e)
            {
                throw new StepFailedException(e.IsTransient ? StepErrors.Transient : StepErrors.Permanent,
                    $"The secret {variable} ({reference}) could not be read: {e.Message}.");
            }
        }

        _values = values;
    }

    /// <summary>A variable's value: the secret once resolved, else the process environment's.</summary>
    public string? Lookup(string name) =>
        _values is not null && _values.TryGetValue(name, out var value) ? value : _fallback(name);

    /// <summary>
    /// <paramref name="services"/> with this environment (secrets first, then the process environment), or unchanged
    /// without secrets.
    /// </summary>
    public ConnectorServices Apply(ConnectorServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return IsEmpty ? services : services with { Environment = Lookup };
    }

    private sealed class NoSecrets : ISecretReader
    {
        public static readonly NoSecrets Instance = new();

        public Task<string> ReadAsync(SecretReference reference, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No secrets are configured.");
    }
}
