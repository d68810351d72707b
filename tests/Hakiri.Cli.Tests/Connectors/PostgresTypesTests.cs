using Hakiri.Testing;

namespace Hakiri.Cli.Tests.Connectors;

/// <summary>
/// Every common PostgreSQL type family, landed by <c>hakiri run</c> and read back by DuckDB's own client: each column
/// has its natural DuckDB type, values survive exactly (non-ASCII text, decimals, microseconds), and NULLs stay NULL.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTypesTests(PostgresServer server)
{
    private const string Schema = """
        CREATE TYPE mood AS ENUM ('sad', 'happy');
        CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
        CREATE DOMAIN money2 AS numeric(10,2);
        CREATE TABLE public.kinds (
            id int8 PRIMARY KEY, small int2, medium int4, f4 float4, f8 float8,
            price numeric(12,3), wide numeric(38,10), loose numeric,
            t text, v varchar(20), c char(3), flag bool,
            d date, ts timestamp, tz timestamptz, tm time, span interval,
            u uuid, j jsonb, js json, raw bytea,
            ints int[], texts text[], moods mood[],
            m mood, p positive, amount money2,
            uids uuid[], stamps timestamptz[], nums numeric[], days date[]);
        INSERT INTO kinds VALUES (1, -32768, 2147483647, 1.5, 2.25,
            123456789.125, 1234567890123456789012345678.0123456789, 3.14159,
            'Zoë — 東京 ☕', 'café', 'ab', true,
            '2024-02-29', '2024-02-29 23:59:59.123456', '2024-02-29 23:59:59.654321+02', '13:14:15.161718', '1 year 2 months 3 days 04:05:06.789',
            'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": [1, "ü"], "b": null}', '{"x": 1}', '\x00ff10',
            '{1,NULL,3}', '{"x","y,z","Ω"}', '{happy,sad}',
            'happy', 7, 12.34,
            '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,NULL}', '{"2024-01-01 00:00:00+00"}', '{1.5,NULL}', '{2024-02-29}');
        INSERT INTO kinds (id) VALUES (2);
        """;

    [Fact]
    public async Task Run_EveryTypeFamily_LandsTheNaturalDuckDbTypeWithValuesAndNulls()
    {
        var database = server.CreateDatabase();
        server.Execute(database, Schema);
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", PostgresCollection.Manifest("public.kinds"));

        var run = await HakiriProcess.RunWithEnvironmentAsync(PostgresCollection.Environment(server.Url(database)), "run", "-m", manifest);

        Assert.True(run.ExitCode == 0, run.ToString());
        var files = $"read_parquet('{dir.Combine(".hakiri", "data")}/orders/**/*.parquet')";
        var types = await PlainReaders.DuckDbAsync($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {files})");
        var described = string.Join(", ", types.Select(t => $"{t.GetProperty("column_name")} {t.GetProperty("column_type")}").Where(t => !t.StartsWith("_hakiri", StringComparison.Ordinal)));
        Assert.Equal(
            "id BIGINT, small SMALLINT, medium INTEGER, f4 FLOAT, f8 DOUBLE, price DECIMAL(12,3), wide DECIMAL(38,10), loose DOUBLE, "
            + "t VARCHAR, v VARCHAR, c VARCHAR, flag BOOLEAN, d DATE, ts TIMESTAMP, tz TIMESTAMP WITH TIME ZONE, tm TIME, span INTERVAL, "
            + "u UUID, j JSON, js JSON, raw BLOB, ints INTEGER[], texts VARCHAR[], moods VARCHAR[], m VARCHAR, p INTEGER, amount DECIMAL(10,2), "
            + "uids UUID[], stamps TIMESTAMP WITH TIME ZONE[], nums DOUBLE[], days DATE[]",
            described);

        var values = await PlainReaders.DuckDbAsync($"""
            SET TimeZone = 'UTC';
            SELECT concat_ws(' | ', small, medium, f4, f8, price, wide, loose, t, v, c, flag, d, ts, tz, tm, span, u,
                j->>'$.a[1]', js, hex(raw), ints, texts, moods, m, p, amount, uids, stamps, nums, days) AS v
            FROM {files} ORDER BY id
            """);
        Assert.Equal(
            "-32768 | 2147483647 | 1.5 | 2.25 | 123456789.125 | 1234567890123456789012345678.0123456789 | 3.14159 | Zoë — 東京 ☕ | café | ab  | true | "
            + "2024-02-29 | 2024-02-29 23:59:59.123456 | 2024-02-29 21:59:59.654321+00 | 13:14:15.161718 | 1 year 2 months 3 days 04:05:06.789 | "
            + "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11 | ü | {\"x\": 1} | 00FF10 | [1, NULL, 3] | [x, 'y,z', Ω] | [happy, sad] | happy | 7 | 12.34 | "
            + "[a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11, NULL] | ['2024-01-01 00:00:00+00'] | [1.5, NULL] | [2024-02-29]",
            values[0].GetProperty("v").GetString());
        Assert.Equal(string.Empty, values[1].GetProperty("v").GetString());
    }

    [Fact]
    public async Task Run_UnsupportedColumnType_FailsNamingTableAndColumnWithACastToTry()
    {
        var database = server.CreateDatabase();
        server.Execute(database, "CREATE TABLE shapes (id int PRIMARY KEY, box box, words tsvector); INSERT INTO shapes VALUES (1, '((0,0),(1,1))', 'a b');");
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", PostgresCollection.Manifest("shapes"));

        var run = await HakiriProcess.RunWithEnvironmentAsync(PostgresCollection.Environment(server.Url(database)), "run", "-m", manifest);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("column 'box' of table shapes has the type box", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"box\"::text AS \"box\"", run.Stderr, StringComparison.Ordinal);
    }
}
