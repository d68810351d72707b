namespace Hakiri.DuckDb.Tests;

public sealed class DatabasePoolTests
{
    [Fact]
    public void Rent_AfterReturn_ReusesTheDatabaseWithoutTheLastRentersTemporaryObjects()
    {
        var opened = 0;
        using var pool = new DuckDbDatabasePool(() => { opened++; return DuckDbDatabase.Open(); });
        using (var first = pool.Rent())
        using (var connection = first.Connect())
        {
            connection.Execute("CREATE TABLE kept AS SELECT 42 AS answer; CREATE TEMP VIEW incoming AS SELECT 1 AS x");
        }

        using var second = pool.Rent();
        using var again = second.Connect();

        Assert.Equal(1, opened);
        Assert.Equal(42, Single(again, "SELECT answer FROM kept"));
        Assert.Equal(0, Single(again, "SELECT count(*) FROM duckdb_views() WHERE view_name = 'incoming'"));
    }

    [Fact]
    public void Rent_WhileAnotherIsRented_OpensASecondDatabase()
    {
        var opened = 0;
        using var pool = new DuckDbDatabasePool(() => { opened++; return DuckDbDatabase.Open(); });
        using var first = pool.Rent();
        using var second = pool.Rent();
        using var a = first.Connect();
        using var b = second.Connect();

        a.Execute("CREATE TABLE only_in_first (x INTEGER)");

        Assert.Equal(2, opened);
        Assert.Throws<DuckDbException>(() => b.Execute("SELECT * FROM only_in_first"));
    }

    [Fact]
    public void Dispose_TwiceOnARentedHandle_ReturnsItOnce()
    {
        var opened = 0;
        using var pool = new DuckDbDatabasePool(() => { opened++; return DuckDbDatabase.Open(); });
        var rented = pool.Rent();
        rented.Dispose();
        rented.Dispose();

        using var first = pool.Rent();
        using var second = pool.Rent();

        Assert.Equal(2, opened);
    }

    [Fact]
    public void Dispose_Pool_ClosesItsDatabasesAndRefusesRenters()
    {
        var pool = new DuckDbDatabasePool(() => DuckDbDatabase.Open());
        var rented = pool.Rent();

        pool.Dispose();

        Assert.Throws<ObjectDisposedException>(() => rented.Connect());
        Assert.Throws<ObjectDisposedException>(() => pool.Rent());
    }

    private static long Single(DuckDbConnection connection, string sql)
    {
        using var reader = connection.Query(sql);
        Assert.True(reader.Read());
        return reader.GetInt64(0);
    }
}
