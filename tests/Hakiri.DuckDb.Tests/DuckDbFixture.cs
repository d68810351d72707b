using System.Globalization;

namespace Hakiri.DuckDb.Tests;

/// <summary>One in-memory DuckDB shared by the tests of a collection; each test opens its own connection.</summary>
public sealed class DuckDbFixture : IDisposable
{
    /// <summary>The shared database.</summary>
    public DuckDbDatabase Database { get; } = DuckDbDatabase.Open(config: new Dictionary<string, string> { ["threads"] = "4" });

    /// <summary>A fresh connection with the session time zone pinned to UTC, so text renderings are stable.</summary>
    public DuckDbConnection Connect()
    {
        var connection = Database.Connect();
        connection.Execute("SET TimeZone = 'UTC'");
        return connection;
    }

    /// <summary>The single value of a one-row, one-column query.</summary>
    public object? Scalar(string sql)
    {
        using var connection = Connect();
        using var reader = connection.Query(sql);
        Assert.True(reader.Read(), $"no row from {sql}");
        var value = reader.GetValue(0);
        Assert.False(reader.Read(), $"more than one row from {sql}");
        return value;
    }

    /// <summary>The single value of a query on a given connection.</summary>
    public static object? ScalarOn(DuckDbConnection connection, string sql)
    {
        using var reader = connection.Query(sql);
        Assert.True(reader.Read(), $"no row from {sql}");
        return reader.GetValue(0);
    }

    /// <summary>The single value a prepared statement returns.</summary>
    public static object? ScalarOn(DuckDbStatement statement)
    {
        using var reader = statement.Query();
        Assert.True(reader.Read(), "no row from the statement");
        return reader.GetValue(0);
    }

    /// <summary>Every value of the first column of a query, rendered invariantly, for compact assertions.</summary>
    public List<string?> Column(string sql)
    {
        using var connection = Connect();
        using var reader = connection.Query(sql);
        var values = new List<string?>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return values;
    }

    /// <inheritdoc />
    public void Dispose() => Database.Dispose();
}

/// <summary>The tests that share <see cref="DuckDbFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class DuckDbCollection : ICollectionFixture<DuckDbFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "duckdb";
}
