using Hakiri.Audit.Journal;
using Hakiri.DuckDb;
using Hakiri.Model.Manifests;
using Hakiri.Testing;
using static Hakiri.Audit.Tests.AuditRecords;

namespace Hakiri.Audit.Tests;

public sealed class KeyIndexTests
{
    [Theory]
    [InlineData(AuditKeyMode.Hashed)]
    [InlineData(AuditKeyMode.Plain)]
    public void Fold_RecordsWithKeys_PlainDuckDbFindsEachKeysRowBesideThePartition(AuditKeyMode mode)
    {
        using var dir = new TempDirectory();
        var layout = Layout(dir);
        using (var trail = AuditTrail.Open(layout, Options(mode)))
        {
            trail.Record(Read("B", Noon.AddMinutes(5), "customers", ["c-7", "c-42"]));
            trail.Record(Read("A", Noon, "customers", ["c-42", "c-1"]));
            trail.Record(Read("C", Noon.AddMinutes(9), "orders", ["o-1"]));
        }

        var part = Assert.Single(ParquetFiles(layout));
        var index = Assert.Single(KeyIndexFiles(layout));
        Assert.Equal(AuditPaths.KeyIndexFile(part), index);
        Assert.EndsWith("audit/keys/day=2026-12-02/" + Path.GetFileName(part), index, StringComparison.Ordinal);
        var hash = KeyIndex.Hash(AuditKeys.Encode(mode, "customers", "c-42"));

        var audit = layout.Absolute("audit");
        var agents = Rows(
            $"SELECT p.agent FROM read_parquet('{audit}/keys/day=*/*.parquet', filename = true) i " +
            $"JOIN read_parquet('{audit}/day=*/*.parquet', filename = true, file_row_number = true) p ON p.filename = replace(i.filename, '/keys/', '/') AND p.file_row_number = i.record_row " +
            $"WHERE i.key_hash = {hash} AND i.key_table = 'customers' ORDER BY p.time");
        Assert.Equal(["A", "B"], agents);
        Assert.Equal(["5"], Rows($"SELECT count(*) FROM read_parquet('{index}')"));
        Assert.Equal(["true"], Rows($"SELECT CAST(bool_and(key_hash >= prev) AS VARCHAR) FROM (SELECT key_hash, lag(key_hash, 1, key_hash) OVER () AS prev FROM read_parquet('{index}'))"));
    }

    [Fact]
    public void Query_PartitionWithoutIndex_IsScannedAndAnswersTheSame()
    {
        using var dir = new TempDirectory();
        var layout = Layout(dir);
        using (var trail = AuditTrail.Open(layout, Options()))
        {
            trail.Record(Read("A", Noon, "customers", ["c-42", "c-1"]));
            trail.Record(Read("B", Noon.AddMinutes(1), "customers", ["c-42"]));
            trail.Record(Read("C", Noon.AddMinutes(2), "customers", [], complete: false));
            trail.Record(Read("D", Noon.AddMinutes(3), "customers", ["c-9"]));
        }

        var query = new AuditQuery { Table = "customers", Key = "c-42" };
        var withIndex = AuditLog.Open(layout, Options()).Query(query);
        File.Delete(Assert.Single(KeyIndexFiles(layout)));
        var withoutIndex = AuditLog.Open(layout, Options()).Query(query);

        Assert.Equal(["C:MayHaveRead", "B:Read", "A:Read"], withIndex.Select(e => $"{e.Subject!.Agent}:{e.Match}"));
        Assert.Equal(withIndex.Select(e => $"{e.Subject!.Agent}:{e.Match}"), withoutIndex.Select(e => $"{e.Subject!.Agent}:{e.Match}"));
    }

    [Fact]
    public void Hash_HexDigestOrText_IsItsLeadingSixtyFourBits()
    {
        Assert.Equal(-1L, KeyIndex.Hash(new string('f', 64)));
        Assert.Equal(0x0123456789abcdefL, KeyIndex.Hash("0123456789abcdef" + new string('0', 48)));
        var digest = AuditKeys.Encode(AuditKeyMode.Hashed, "t", "c-42");
        Assert.Equal(Convert.ToInt64(digest[..16], 16), KeyIndex.Hash(digest));
        Assert.Equal(Convert.ToInt64(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("c-42"u8))[..16], 16), KeyIndex.Hash("c-42"));
        Assert.NotEqual(KeyIndex.Hash("c-42"), KeyIndex.Hash("c-43"));
    }

    private static List<string> Rows(string sql)
    {
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        using var reader = connection.Query(sql);
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(DuckDbJson.Text(reader.GetValueOrText(0)!));
        }

        return rows;
    }
}
