using Hakiri.DuckDb;
using Hakiri.Steps.Writing;

namespace Hakiri.Steps.Tests.Writing;

// A primary key of one integer column is checked with a bitmap over its span; the check must find every duplicate and
// NULL, never call distinct keys equal, and step aside (null) where the distinct count has to do it.
public sealed class IntegerKeyBitmapTests
{
    [Theory]
    [InlineData("SELECT range AS id FROM range(100000)", true)]
    [InlineData("SELECT 100000 - range AS id FROM range(100000)", true)]
    [InlineData("SELECT range * 3 - 5000 AS id FROM range(10000)", true)]
    [InlineData("SELECT range * 2 AS id FROM range(100000) UNION ALL SELECT 5000", false)]
    [InlineData("SELECT range % 64 AS id FROM range(65)", false)]
    [InlineData("SELECT range AS id FROM range(1000) UNION ALL SELECT NULL", false)]
    [InlineData("SELECT CAST(NULL AS BIGINT) AS id", false)]
    [InlineData("SELECT range AS id FROM range(0)", true)]
    [InlineData("SELECT -9223372036854775808 AS id UNION ALL SELECT -9223372036854775807", true)]
    [InlineData("SELECT CAST(range AS SMALLINT) AS id FROM range(-300, 300)", true)]
    [InlineData("SELECT CAST(range % 4 AS UTINYINT) AS id FROM range(3) UNION ALL SELECT 2", false)]
    public void AreUnique_IntegerKeys_FindsDuplicatesAndNulls(string rows, bool unique)
    {
        Assert.Equal(unique, Check(rows));
    }

    [Theory]
    [InlineData("SELECT -9223372036854775808 AS id UNION ALL SELECT 9223372036854775807")]
    [InlineData("SELECT range * 1000000000 AS id FROM range(1000)")]
    [InlineData("SELECT 'a' || range AS id FROM range(10)")]
    [InlineData("SELECT CAST(range AS DOUBLE) AS id FROM range(10)")]
    [InlineData("SELECT CAST(range AS UBIGINT) AS id FROM range(10)")]
    public void AreUnique_KeysABitmapCannotHold_LeavesItToTheDistinctCount(string rows)
    {
        Assert.Null(Check(rows));
    }

    [Fact]
    public void AreUnique_TwoKeysAtTheSpansEnds_AreSeen()
    {
        var last = IntegerKeyBitmap.MaxSpan - 1;
        Assert.True(Check($"SELECT 7 AS id UNION ALL SELECT 7 + {last}"));
        Assert.False(Check($"SELECT 7 AS id UNION ALL SELECT 7 + {last} UNION ALL SELECT 7"));
    }

    private static bool? Check(string rows)
    {
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        connection.Execute($"CREATE TABLE staged AS {rows}");
        var type = connection.Describe("staged").Single().Type;
        return IntegerKeyBitmap.AreUnique(connection, "staged", "id", type);
    }
}
