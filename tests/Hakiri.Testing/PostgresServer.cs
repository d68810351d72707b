using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Hakiri.Testing;

/// <summary>
/// A PostgreSQL server (Debian's <c>postgresql</c> package) in a temporary data directory on a free 127.0.0.1 port,
/// with <c>wal_level=logical</c> and password (SCRAM) authentication, started for a test collection and removed
/// after. PostgreSQL refuses to run as root, so as root it runs as the <c>postgres</c> user. Tests create their own
/// databases with <see cref="CreateDatabase"/>.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    /// <summary>The superuser's password.</summary>
    public const string Password = "hakiri-test-password";

    private readonly string _binaries;
    private readonly string _directory;

    /// <summary>Initialises a cluster and starts it (a few seconds); throws with what to install when PostgreSQL is missing.</summary>
    public PostgresServer()
    {
        _binaries = FindBinaries();
        _directory = Path.Combine(Path.GetTempPath(), "hakiri-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_directory);
        var data = Path.Combine(_directory, "data");
        var passwordFile = Path.Combine(_directory, "pwfile");
        File.WriteAllText(passwordFile, Password + "\n");
        if (AsRoot)
        {
            Run("chown", "-R", "postgres:postgres", _directory);
        }

        RunAsPostgres(Path.Combine(_binaries, "initdb"), "-D", data, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256",
            "--pwfile=" + passwordFile, "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
        Port = Loopback.FreePort();
        var options = string.Join(' ',
            $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
            "-c listen_addresses=127.0.0.1",
            $"-c unix_socket_directories={_directory}",
            "-c wal_level=logical",
            "-c max_replication_slots=64",
            "-c max_wal_senders=64",
            "-c max_connections=200",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off");
        RunAsPostgres(Path.Combine(_binaries, "pg_ctl"), "-D", data, "-o", options, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60", "start");
    }

    /// <summary>The loopback port.</summary>
    public int Port { get; }

    /// <summary>Where the server's binaries are (psql lives beside them).</summary>
    public string Binaries => _binaries;

    /// <summary>A connection string (Npgsql key/value form) for <paramref name="database"/> as the superuser.</summary>
    public string ConnectionString(string database = "postgres", string user = "postgres", string password = Password) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={user};Password={password};Database={database};Pooling=false";

    /// <summary>The same as a <c>postgresql://</c> URL.</summary>
    public string Url(string database = "postgres", string user = "postgres", string password = Password) =>
        $"postgresql://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/{database}";

    /// <summary>Creates a fresh database with a unique name and returns the name.</summary>
    public string CreateDatabase(string prefix = "t")
    {
        var name = $"{prefix}_{Guid.NewGuid().ToString("N")[..10]}";
        Execute("postgres", $"CREATE DATABASE {name}");
        return name;
    }

    /// <summary>Runs SQL statements in <paramref name="database"/> as the superuser.</summary>
    public void Execute(string database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(database));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Opens a connection to <paramref name="database"/> as the superuser.</summary>
    public NpgsqlConnection Open(string database)
    {
        var connection = new NpgsqlConnection(ConnectionString(database));
        connection.Open();
        return connection;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            RunAsPostgres(Path.Combine(_binaries, "pg_ctl"), "-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped; the directory goes anyway.
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool AsRoot => Environment.UserName == "root";

    private static string FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        var version = Directory.Exists(root)
            ? Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).FirstOrDefault()
            : null;
        return version is not null
            ? Path.Combine(version, "bin")
            : throw new InvalidOperationException("PostgreSQL is not installed: run scripts/test.sh (it installs it), or apt-get install postgresql.");
    }

    private static void RunAsPostgres(string program, params string[] arguments)
    {
        if (AsRoot)
        {
            Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }
}
