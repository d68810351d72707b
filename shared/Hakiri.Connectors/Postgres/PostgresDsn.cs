using System.Globalization;
using Hakiri.Connectors.Contract;
using Npgsql;

namespace Hakiri.Connectors.Postgres;

/// <summary>
/// The connection string of a <c>postgres</c> source, read from its <c>dsn_env</c> variable: a
/// <c>postgresql://user:password@host:port/database?sslmode=…</c> URL or an Npgsql key/value string
/// (<c>Host=…;Username=…;Database=…</c>). Messages name the variable and at most host, port, database and user: never
/// the password or the string itself.
/// </summary>
internal static class PostgresDsn
{
    // URL query parameters (libpq names) and the Npgsql keys they become.
    private static readonly Dictionary<string, string> UrlParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["target_session_attrs"] = "Target Session Attributes",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["options"] = "Options",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
        ["host"] = "Host",
        ["port"] = "Port",
    };

    /// <summary>Reads and parses the variable; throws a sentence naming it when unset or malformed.</summary>
    public static NpgsqlConnectionStringBuilder Read(string pipeline, string variable, Func<string, string?> environment)
    {
        var text = environment(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ConnectorException(ConnectorErrorKind.Permanent,
                $"pipeline '{pipeline}': the environment variable {variable} (dsn_env) is not set; set it to a postgresql://user:password@host:5432/database URL or an Npgsql connection string.");
        }

        var builder = Parse(text.Trim(), pipeline, variable);
        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new ConnectorException(ConnectorErrorKind.Permanent,
                $"pipeline '{pipeline}': the connection string in {variable} names no host; add one (postgresql://user:password@host:5432/database).");
        }

        // The reader pages itself; a pool would only keep idle connections open after the step ends.
        builder.Pooling = false;
        builder.ApplicationName ??= "hakiri";
        if (builder.CommandTimeout == 30)
        {
            // Npgsql's default; a page of a large table may take longer, and the step's own time budget bounds it.
            builder.CommandTimeout = 0;
        }

        return builder;
    }

    /// <summary>
    /// The data source every read (snapshot, incremental, cdc) goes through. The slim builder keeps Native AOT at zero
    /// warnings; only TLS and arrays are added to the basic types, so changed rows read back in cdc mode get the
    /// snapshot's types.
    /// </summary>
    public static NpgsqlDataSource OpenDataSource(string connectionString) =>
        new NpgsqlSlimDataSourceBuilder(connectionString).EnableTransportSecurity().EnableArrays().Build();

    /// <summary>Where a connection goes, for messages: host, port, database and user, never the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        string.Create(CultureInfo.InvariantCulture, $"{builder.Username ?? "(default user)"}@{builder.Host}:{builder.Port}/{builder.Database ?? "(default database)"}");

    internal static NpgsqlConnectionStringBuilder Parse(string text, string pipeline, string variable)
    {
        try
        {
            return text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
                ? FromUrl(text, pipeline, variable)
                : new NpgsqlConnectionStringBuilder(text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException or KeyNotFoundException)
        {
            // Npgsql's messages may quote the text: only the kind of problem is shown.
            throw new ConnectorException(ConnectorErrorKind.Permanent,
                $"pipeline '{pipeline}': the connection string in {variable} cannot be read ({e.GetType().Name}); use postgresql://user:password@host:5432/database or Host=…;Username=…;Password=…;Database=….");
        }
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string text, string pipeline, string variable)
    {
        var uri = new Uri(text, UriKind.Absolute);
        var builder = new NpgsqlConnectionStringBuilder();
        if (uri.Host.Length > 0)
        {
            builder.Host = uri.Host.Trim('[', ']');
        }

        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            if (!UrlParameters.TryGetValue(name, out var key))
            {
                throw new ConnectorException(ConnectorErrorKind.Permanent,
                    $"pipeline '{pipeline}': the URL in {variable} has the parameter '{name}', which Hakiri does not pass on; remove it or use an Npgsql connection string (Host=…;Username=…).");
            }

            builder[key] = key == "SSL Mode" ? SslMode(value) : value;
        }

        return builder;
    }

    // libpq's verify-ca/verify-full spellings are Npgsql's VerifyCA/VerifyFull.
    private static string SslMode(string value) => value.ToLowerInvariant() switch
    {
        "verify-ca" => "VerifyCA",
        "verify-full" => "VerifyFull",
        _ => value,
    };
}
