using Apache.Arrow;
using Apache.Arrow.Memory;
using Apache.Arrow.Scalars;
using Apache.Arrow.Types;
using Hakiri.Connectors.Contract;
using Npgsql;
using NpgsqlTypes;

namespace Hakiri.Connectors.Postgres;

/// <summary>
/// Appends rows of a binary-protocol result straight into Arrow arrays, one typed getter per column (no boxing), and
/// builds the record batch. Field metadata <see cref="SourceFieldMetadata.DuckDbCast"/> carries the DuckDB casts a
/// column lands with.
/// </summary>
internal sealed class PostgresBatchBuilder
{
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;
    private static readonly int EpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private readonly Schema _schema;
    private readonly Func<Appender>[] _factories;
    private Appender[] _appenders;

    public PostgresBatchBuilder(IReadOnlyList<PgColumn> columns)
    {
        var schema = new Schema.Builder();
        foreach (var c in columns)
        {
            var metadata = c.Cast is null ? null : new Dictionary<string, string> { [SourceFieldMetadata.DuckDbCast] = c.Cast };
            schema.Field(new Field(c.Name, c.ArrowType, c.Nullable, metadata));
        }

        _schema = schema.Build();
        _factories = columns.Select(Factory).ToArray();
        _appenders = _factories.Select(f => f()).ToArray();
    }

    /// <summary>Rows appended since the last <see cref="Build"/>.</summary>
    public int Rows { get; private set; }

    /// <summary>Appends the reader's current row (its first columns, in order: sequential access is fine).</summary>
    public void Append(NpgsqlDataReader reader)
    {
        for (var i = 0; i < _appenders.Length; i++)
        {
            _appenders[i].Append(reader, i);
        }

        Rows++;
    }

    /// <summary>The batch of the rows appended so far; the builder starts empty again.</summary>
    public RecordBatch Build()
    {
        var arrays = _appenders.Select(a => a.Build()).ToArray();
        var batch = new RecordBatch(_schema, arrays, Rows);
        _appenders = _factories.Select(f => f()).ToArray();
        Rows = 0;
        return batch;
    }

    private static Func<Appender> Factory(PgColumn c) => c.Value switch
    {
        PgValue.Boolean => () => new BooleanAppender(),
        PgValue.Int16 => () => new Fixed<short>(c.ArrowType, static (r, i) => r.GetInt16(i)),
        PgValue.Int32 => () => new Fixed<int>(c.ArrowType, static (r, i) => r.GetInt32(i)),
        PgValue.Int64 => () => new Fixed<long>(c.ArrowType, static (r, i) => r.GetInt64(i)),
        PgValue.Float32 => () => new Fixed<float>(c.ArrowType, static (r, i) => r.GetFloat(i)),
        PgValue.Float64 => () => new Fixed<double>(c.ArrowType, static (r, i) => r.GetDouble(i)),
        PgValue.Decimal => () => new DecimalAppender((Decimal128Type)c.ArrowType),
        PgValue.Text => () => new TextAppender(),
        PgValue.Uuid => () => new UuidAppender(),
        PgValue.Binary => () => new BinaryAppender(),
        PgValue.Date => () => new Fixed<int>(c.ArrowType, static (r, i) => r.GetFieldValue<DateOnly>(i).DayNumber - EpochDay),
        PgValue.Timestamp or PgValue.TimestampTz => () => new Fixed<long>(c.ArrowType, static (r, i) => (r.GetDateTime(i).Ticks - EpochTicks) / 10),
        PgValue.Time => () => new Fixed<long>(c.ArrowType, static (r, i) => r.GetFieldValue<TimeSpan>(i).Ticks / 10),
        PgValue.Interval => () => new Fixed<MonthDayNanosecondInterval>(c.ArrowType, static (r, i) =>
        {
            var v = r.GetFieldValue<NpgsqlInterval>(i);
            return new MonthDayNanosecondInterval(v.Months, v.Days, v.Time * 1000);
        }),
        PgValue.List => Lists(c),
        _ => throw new InvalidOperationException($"No appender for {c.Value}."),
    };

    private static Func<Appender> Lists(PgColumn c)
    {
        var element = ((ListType)c.ArrowType).ValueDataType;
        return c.Element switch
        {
            PgValue.Boolean => () => new ListOf<bool, BooleanArray.Builder>(element, static (b, v) => b.Append(v), static b => b.AppendNull()),
            PgValue.Int16 => () => new ListOf<short, Int16Array.Builder>(element, static (b, v) => b.Append(v), static b => b.AppendNull()),
            PgValue.Int32 => () => new ListOf<int, Int32Array.Builder>(element, static (b, v) => b.Append(v), static b => b.AppendNull()),
            PgValue.Int64 => () => new ListOf<long, Int64Array.Builder>(element, static (b, v) => b.Append(v), static b => b.AppendNull()),
            PgValue.Float32 => () => new ListOf<float, FloatArray.Builder>(element, static (b, v) => b.Append(v), static b => b.AppendNull()),
            PgValue.Float64 => () => new ListOf<double, DoubleArray.Builder>(element, static (b, v) => b.Append(v), static b => b.AppendNull()),
            // Dates and timestamps are built as their raw integers (Arrow's nested builders ignore a timestamp's unit)
            // and typed as the element type when the list is built.
            PgValue.Date => () => new ListOf<DateOnly, Int32Array.Builder>(Int32Type.Default, static (b, v) => b.Append(v.DayNumber - EpochDay), static b => b.AppendNull(), element),
            PgValue.Timestamp or PgValue.TimestampTz => () => new ListOf<DateTime, Int64Array.Builder>(Int64Type.Default,
                static (b, v) => b.Append((v.Ticks - EpochTicks) / 10), static b => b.AppendNull(), element),
            _ => () => new TextListAppender(element),
        };
    }

    private abstract class Appender
    {
        public abstract void Append(NpgsqlDataReader reader, int ordinal);

        public abstract IArrowArray Build();
    }

    // Fixed-width values: a value buffer and a validity bitmap, built into whatever array the Arrow type says.
    private sealed class Fixed<T>(IArrowType type, Func<NpgsqlDataReader, int, T> read) : Appender
        where T : struct
    {
        private readonly ArrowBuffer.Builder<T> _values = new();
        private readonly ArrowBuffer.BitmapBuilder _validity = new();
        private int _nulls;

        public override void Append(NpgsqlDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal))
            {
                _values.Append(default(T));
                _validity.Append(false);
                _nulls++;
                return;
            }

            _values.Append(read(reader, ordinal));
            _validity.Append(true);
        }

        public override IArrowArray Build()
        {
            var data = new ArrayData(type, _values.Length, _nulls, 0, [_nulls == 0 ? ArrowBuffer.Empty : _validity.Build(), _values.Build()]);
            return ArrowArrayFactory.BuildArray(data);
        }
    }

    private sealed class BooleanAppender : Appender
    {
        private readonly BooleanArray.Builder _builder = new();

        public override void Append(NpgsqlDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal))
            {
                _builder.AppendNull();
            }
            else
            {
                _builder.Append(reader.GetBoolean(ordinal));
            }
        }

        public override IArrowArray Build() => _builder.Build();
    }

    private sealed class DecimalAppender(Decimal128Type type) : Appender
    {
        private readonly Decimal128Array.Builder _builder = new(type);

        public override void Append(NpgsqlDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal))
            {
                _builder.AppendNull();
            }
            else
            {
                _builder.Append(reader.GetDecimal(ordinal));
            }
        }

        public override IArrowArray Build() => _builder.Build();
    }

    private sealed class TextAppender : Appender
    {
        private readonly StringArray.Builder _builder = new();

        public override void Append(NpgsqlDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal))
            {
                _builder.AppendNull();
            }
            else
            {
                _builder.Append(reader.GetString(ordinal));
            }
        }

        public override IArrowArray Build() => _builder.Build();
    }

    private sealed class UuidAppender : Appender
    {
        private readonly StringArray.Builder _builder = new();

        public override void Append(NpgsqlDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal))
            {
                _builder.AppendNull();
                return;
            }

            Span<byte> text = stackalloc byte[36];
            reader.GetGuid(ordinal).TryFormat(text, out var written, "D");
            _builder.Append(text[..written]);
        }

        public override IArrowArray Build() => _builder.Build();
    }

    // A one-dimensional array of value types, NULL elements included.
    private sealed class ListOf<TItem, TBuilder>(IArrowType element, Action<TBuilder, TItem> add, Action<TBuilder> addNull, IArrowType? declared = null) : Appender
        where TItem : struct
        where TBuilder : class, IArrowArrayBuilder
    {
        private readonly ListArray.Builder _builder = new(element);

        public override void Append(NpgsqlDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal))
            {
                _builder.AppendNull();
                return;
            }

            _builder.Append();
            var values = (TBuilder)_builder.ValueBuilder;
            foreach (var item in reader.GetFieldValue<TItem?[]>(ordinal))
            {
                if (item is { } value)
                {
                    add(values, value);
                }
                else
                {
                    addNull(values);
                }
            }
        }

        public override IArrowArray Build()
        {
            var list = _builder.Build();
            if (declared is null)
            {
                return list;
            }

            var raw = list.Values.Data;
            var values = ArrowArrayFactory.BuildArray(new ArrayData(declared, raw.Length, raw.NullCount, raw.Offset, raw.Buffers));
            return new ListArray(new ListType(declared), list.Length, list.ValueOffsetsBuffer, values, list.NullBitmapBuffer, list.NullCount);
        }
    }

    private sealed class TextListAppender(IArrowType element) : Appender
    {
        private readonly ListArray.Builder _builder = new(element);

        public override void Append(NpgsqlDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal))
            {
                _builder.AppendNull();
                return;
            }

            _builder.Append();
            var values = (StringArray.Builder)_builder.ValueBuilder;
            foreach (var item in reader.GetFieldValue<string?[]>(ordinal))
            {
                if (item is null)
                {
                    values.AppendNull();
                }
                else
                {
                    values.Append(item);
                }
            }
        }

        public override IArrowArray Build() => _builder.Build();
    }

    private sealed class BinaryAppender : Appender
    {
        private readonly BinaryArray.Builder _builder = new();

        public override void Append(NpgsqlDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal))
            {
                _builder.AppendNull();
            }
            else
            {
                _builder.Append(reader.GetFieldValue<byte[]>(ordinal).AsSpan());
            }
        }

        public override IArrowArray Build() => _builder.Build();
    }
}
