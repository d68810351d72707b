using Apache.Arrow;
using Apache.Arrow.Types;

namespace Hakiri.DuckDb.Tests.Arrow;

/// <summary>Record batches of every type the batch format uses, with nulls and non-ASCII text.</summary>
internal static class ArrowSamples
{
    public static readonly TimestampType Utc = new(TimeUnit.Microsecond, "UTC");

    public static readonly Schema Schema = new Schema.Builder()
        .Field(f => f.Name("id").DataType(Int64Type.Default).Nullable(false))
        .Field(f => f.Name("score").DataType(DoubleType.Default))
        .Field(f => f.Name("ok").DataType(BooleanType.Default))
        .Field(f => f.Name("name").DataType(StringType.Default))
        .Field(f => f.Name("at").DataType(Utc))
        .Field(f => f.Name("day").DataType(Date32Type.Default))
        .Field(f => f.Name("price").DataType(new Decimal128Type(18, 2)))
        .Field(f => f.Name("blob").DataType(BinaryType.Default))
        .Field(f => f.Name("tags").DataType(new ListType(StringType.Default)))
        .Build();

    public static DateTimeOffset At(long id) => new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero).AddTicks(id * 10);

    public static string Name(long id) => $"Zoë {id} 東京";

    /// <summary>Rows <paramref name="start"/>.. of one batch; every third row is null in each nullable column.</summary>
    public static RecordBatch Batch(long start, int count)
    {
        var id = new Int64Array.Builder();
        var score = new DoubleArray.Builder();
        var ok = new BooleanArray.Builder();
        var name = new StringArray.Builder();
        var at = new TimestampArray.Builder(Utc);
        var day = new Date32Array.Builder();
        var price = new Decimal128Array.Builder(new Decimal128Type(18, 2));
        var blob = new BinaryArray.Builder();
        var tags = new ListArray.Builder(StringType.Default);
        var tagValues = (StringArray.Builder)tags.ValueBuilder;
        for (var row = start; row < start + count; row++)
        {
            id.Append(row);
            if (row % 3 == 2)
            {
                score.AppendNull();
                ok.AppendNull();
                name.AppendNull();
                at.AppendNull();
                day.AppendNull();
                price.AppendNull();
                blob.AppendNull();
                tags.AppendNull();
                continue;
            }

            score.Append(row + 0.5);
            ok.Append(row % 2 == 0);
            name.Append(Name(row));
            at.Append(At(row));
            day.Append(new DateOnly(2026, 1, 1).AddDays((int)row));
            price.Append(row + 0.25m);
            blob.Append([(byte)row, 0xFF]);
            tags.Append();
            tagValues.Append("a");
            tagValues.Append($"ü{row}");
        }

        return new RecordBatch(Schema,
            [id.Build(), score.Build(), ok.Build(), name.Build(), at.Build(), day.Build(), price.Build(), blob.Build(), tags.Build()],
            count);
    }
}
