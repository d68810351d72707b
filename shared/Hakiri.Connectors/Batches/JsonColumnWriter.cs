using System.Runtime.InteropServices;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;
using Hakiri.Connectors.Contract;

namespace Hakiri.Connectors.Batches;

/// <summary>Appends one column's JSON values to an Arrow builder of the column's inferred type.</summary>
internal abstract class JsonColumnWriter
{
    /// <summary>Microsecond UTC timestamps, the type of <see cref="ColumnKind.Timestamp"/> columns.</summary>
    public static readonly TimestampType TimestampUtc = new(TimeUnit.Microsecond, "UTC");

    /// <summary>The Arrow type of a column type this writer family produces.</summary>
    public static IArrowType ArrowType(ColumnType type) => type.Kind switch
    {
        ColumnKind.Boolean => BooleanType.Default,
        ColumnKind.Int64 => Int64Type.Default,
        ColumnKind.Float64 => DoubleType.Default,
        ColumnKind.Timestamp => TimestampUtc,
        ColumnKind.Date => Date32Type.Default,
        _ => StringType.Default,
    };

    /// <summary>A writer for <paramref name="type"/>, sized for <paramref name="rows"/>.</summary>
    public static JsonColumnWriter Create(ColumnType type, int rows) => type.Kind switch
    {
        ColumnKind.Boolean => new BooleanWriter(rows),
        ColumnKind.Int64 => new Int64Writer(rows),
        ColumnKind.Float64 => new Float64Writer(rows),
        ColumnKind.Timestamp => new TimestampWriter(rows),
        ColumnKind.Date => new DateWriter(rows),
        ColumnKind.Json => new TextWriter(rows, raw: true),
        _ => new TextWriter(rows, raw: false),
    };

    /// <summary>Appends a value; <see cref="JsonValueKind.Undefined"/> (absent) and null append null.</summary>
    public void Append(JsonElement value)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            AppendNull();
        }
        else
        {
            AppendValue(value);
        }
    }

    /// <summary>The finished array.</summary>
    public abstract IArrowArray Build();

    protected abstract void AppendValue(JsonElement value);

    protected abstract void AppendNull();

    private sealed class BooleanWriter(int rows) : JsonColumnWriter
    {
        private readonly BooleanArray.Builder _builder = new BooleanArray.Builder().Reserve(rows);

        public override IArrowArray Build() => _builder.Build();

        protected override void AppendValue(JsonElement value) => _builder.Append(value.GetBoolean());

        protected override void AppendNull() => _builder.AppendNull();
    }

    private sealed class Int64Writer(int rows) : JsonColumnWriter
    {
        private readonly Int64Array.Builder _builder = new Int64Array.Builder().Reserve(rows);

        public override IArrowArray Build() => _builder.Build();

        protected override void AppendValue(JsonElement value) => _builder.Append(value.GetInt64());

        protected override void AppendNull() => _builder.AppendNull();
    }

    private sealed class Float64Writer(int rows) : JsonColumnWriter
    {
        private readonly DoubleArray.Builder _builder = new DoubleArray.Builder().Reserve(rows);

        public override IArrowArray Build() => _builder.Build();

        protected override void AppendValue(JsonElement value) => _builder.Append(value.GetDouble());

        protected override void AppendNull() => _builder.AppendNull();
    }

    private sealed class TimestampWriter(int rows) : JsonColumnWriter
    {
        private readonly TimestampArray.Builder _builder = new TimestampArray.Builder(TimestampUtc).Reserve(rows);

        public override IArrowArray Build() => _builder.Build();

        protected override void AppendValue(JsonElement value)
        {
            // The traits pass typed this column TIMESTAMP only because every value parsed, so this one does too.
            _ = Rfc3339.TryParseTimestamp(JsonColumnTraits.UnescapedText(value), out var micros);
            _builder.Append(new DateTimeOffset(DateTime.UnixEpoch.Ticks + micros * TimeSpan.TicksPerMicrosecond, TimeSpan.Zero));
        }

        protected override void AppendNull() => _builder.AppendNull();
    }

    private sealed class DateWriter(int rows) : JsonColumnWriter
    {
        private static readonly int EpochDay = new DateOnly(1970, 1, 1).DayNumber;
        private readonly Date32Array.Builder _builder = new Date32Array.Builder().Reserve(rows);

        public override IArrowArray Build() => _builder.Build();

        protected override void AppendValue(JsonElement value)
        {
            // The traits pass typed this column DATE only because every value parsed, so this one does too.
            _ = Rfc3339.TryParseDate(JsonColumnTraits.UnescapedText(value), out var days);
            _builder.Append(DateOnly.FromDayNumber(EpochDay + days));
        }

        protected override void AppendNull() => _builder.AppendNull();
    }

    // Text and JSON columns copy the UTF-8 bytes the parser already holds; only strings with escapes are decoded.
    private sealed class TextWriter(int rows, bool raw) : JsonColumnWriter
    {
        private readonly StringArray.Builder _builder = new StringArray.Builder().Reserve(rows);

        public override IArrowArray Build() => _builder.Build();

        protected override void AppendValue(JsonElement value)
        {
            if (raw)
            {
                _builder.Append(JsonMarshal.GetRawUtf8Value(value));
                return;
            }

            var text = JsonColumnTraits.UnescapedText(value);
            if (text.IsEmpty && JsonMarshal.GetRawUtf8Value(value).Length > 2)
            {
                _builder.Append(value.GetString());
            }
            else
            {
                _builder.Append(text);
            }
        }

        protected override void AppendNull() => _builder.AppendNull();
    }
}
