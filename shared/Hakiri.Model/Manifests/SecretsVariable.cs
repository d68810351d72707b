namespace Hakiri.Model.Manifests;

/// <summary>
/// How the deployed functions learn where their secrets live: <c>HAKIRI_SECRETS</c> holds the references only
/// (<c>ORDERS_DATABASE_URL=ssm:/hakiri/prod/orders-dsn;TOKEN=secretsmanager:prod/token</c>), never the values, which
/// the function reads at cold start. Variable names cannot hold <c>=</c> and references cannot hold <c>;</c>.
/// </summary>
public static class SecretsVariable
{
    /// <summary>The environment variable's name.</summary>
    public const string Name = "HAKIRI_SECRETS";

    /// <summary>The references as one value, ordered by variable name so an unchanged manifest gives an unchanged template.</summary>
    public static string Format(IReadOnlyDictionary<string, SecretReference> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return string.Join(';', secrets.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"));
    }

    /// <summary>Reads <see cref="Format"/>'s output; an entry that is not <c>NAME=ssm:…</c> or <c>NAME=secretsmanager:…</c> is an error naming it.</summary>
    public static IReadOnlyDictionary<string, SecretReference> Parse(string? value)
    {
        var secrets = new Dictionary<string, SecretReference>(StringComparer.Ordinal);
        foreach (var entry in (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || SecretReference.TryParse(entry[(equals + 1)..]) is not { } reference)
            {
                throw new FormatException($"{Name} holds '{entry}', which is not NAME=ssm:/parameter or NAME=secretsmanager:secret.");
            }

            secrets[entry[..equals]] = reference;
        }

        return secrets;
    }
}
