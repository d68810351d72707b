using Apache.Arrow.Types;
using Hakiri.Connectors.Contract;

namespace Hakiri.Connectors.Postgres;

/// <summary>How a column's values are read off the wire and appended to its Arrow array.</summary>
internal enum PgValue
{
    Boolean,
    Int16,
    Int32,
    Int64,
    Float32,
    Float64,
    Decimal,
    Text,
    Uuid,
    Binary,
    Date,
    Timestamp,
    TimestampTz,
    Time,
    Interval,
    List,
}

/// <summary>A column as the catalog describes it, domains resolved to their base type.</summary>
/// <param name="Name">The column name.</param>
/// <param name="NotNull">Whether the catalog forbids NULL.</param>
/// <param name="TypeName">The base type's name (<c>pg_type.typname</c>).</param>
/// <param name="TypeType">The base type's <c>typtype</c>: b(ase), e(num), c(omposite), r(ange), m(ultirange), p(seudo).</param>
/// <param name="Typmod">The type modifier (numeric precision and scale), -1 when none.</param>
/// <param name="SqlType">The base type as SQL spells it (<c>format_type</c>), for casting cursor values.</param>
/// <param name="ElementName">For an array: the element type's name.</param>
/// <param name="ElementType">For an array: the element type's <c>typtype</c>.</param>
internal sealed record PgColumnInfo(string Name, bool NotNull, string TypeName, char TypeType, int Typmod, string SqlType, string? ElementName, char? ElementType);

/// <summary>A column as the reader selects, reads and lands it.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Nullable">Whether it may be NULL.</param>
/// <param name="Value">How its values are read.</param>
/// <param name="Select">The select-list expression, <c>{0}</c> standing for the quoted column reference.</param>
/// <param name="Type">The contract's column type.</param>
/// <param name="ArrowType">The Arrow type of its batches.</param>
/// <param name="Cast">DuckDB casts that land it (<c>|</c>-separated, applied in order), e.g. <c>UUID</c>; <see langword="null"/> when the Arrow type lands as is.</param>
/// <param name="SqlType">Its PostgreSQL type, for casting cursor values.</param>
/// <param name="Element">For a <see cref="PgValue.List"/>: how its elements are read.</param>
internal sealed record PgColumn(string Name, bool Nullable, PgValue Value, string Select, ColumnType Type, IArrowType ArrowType, string? Cast, string SqlType,
    PgValue? Element = null);

/// <summary>
/// The type mapping: every common PostgreSQL type to the natural Arrow (and so DuckDB and Parquet) type. A type it
/// cannot carry is an error naming table and column, never a silent cast.
/// </summary>
internal static class PostgresTypes
{
    /// <summary>The largest precision read as a .NET <see cref="decimal"/>; wider numerics travel as text and DuckDB casts them.</summary>
    private const int DecimalDigits = 28;

    private static readonly TimestampType Timestamp = new(TimeUnit.Microsecond, (string?)null);
    private static readonly TimestampType TimestampUtc = new(TimeUnit.Microsecond, "UTC");
    private static readonly Time64Type Time = new(TimeUnit.Microsecond);

    // One-dimensional arrays: element type → how elements are read, their Arrow type, the select expression and a
    // landing cast (uuid elements travel as text).
    private static readonly Dictionary<string, (PgValue Value, IArrowType Arrow, string Select, string? Cast)> ListElements = new(StringComparer.Ordinal)
    {
        ["bool"] = (PgValue.Boolean, BooleanType.Default, "{0}", null),
        ["int2"] = (PgValue.Int16, Int16Type.Default, "{0}", null),
        ["int4"] = (PgValue.Int32, Int32Type.Default, "{0}", null),
        ["int8"] = (PgValue.Int64, Int64Type.Default, "{0}", null),
        ["float4"] = (PgValue.Float32, FloatType.Default, "{0}", null),
        ["float8"] = (PgValue.Float64, DoubleType.Default, "{0}", null),
        ["numeric"] = (PgValue.Float64, DoubleType.Default, "{0}::float8[]", null),
        ["text"] = (PgValue.Text, StringType.Default, "{0}", null),
        ["varchar"] = (PgValue.Text, StringType.Default, "{0}", null),
        ["bpchar"] = (PgValue.Text, StringType.Default, "{0}", null),
        ["name"] = (PgValue.Text, StringType.Default, "{0}::text[]", null),
        ["citext"] = (PgValue.Text, StringType.Default, "{0}::text[]", null),
        ["uuid"] = (PgValue.Text, StringType.Default, "{0}::text[]", "UUID[]"),
        ["date"] = (PgValue.Date, Date32Type.Default, "{0}", null),
        ["timestamp"] = (PgValue.Timestamp, Timestamp, "{0}", null),
        ["timestamptz"] = (PgValue.TimestampTz, TimestampUtc, "{0}", null),
    };

    /// <summary>The column's mapping; throws a sentence naming <paramref name="source"/> and the column when there is none.</summary>
    public static PgColumn Map(PgColumnInfo c, string pipeline, string source)
    {
        var nullable = !c.NotNull;
        PgColumn Of(PgValue value, ColumnType type, IArrowType arrow, string select = "{0}", string? cast = null) =>
            new(c.Name, nullable, value, select, type, arrow, cast, c.SqlType);

        if (c.TypeType == 'e')
        {
            return Of(PgValue.Text, ColumnType.Utf8, StringType.Default, "{0}::text");
        }

        if (c.ElementName is { } element)
        {
            if (element is "json" or "jsonb")
            {
                return Of(PgValue.Text, ColumnType.Json, StringType.Default, "array_to_json({0})::text");
            }

            var item = c.ElementType == 'e' ? (PgValue.Text, StringType.Default, "{0}::text[]", null) : ListElements.GetValueOrDefault(element);
            return item.Arrow is null
                ? throw Unsupported(c, pipeline, source, $"{element}[]")
                : Of(PgValue.List, ColumnType.List, new ListType(item.Arrow), item.Select, item.Cast) with { Element = item.Value };
        }

        return c.TypeName switch
        {
            "bool" => Of(PgValue.Boolean, ColumnType.Boolean, BooleanType.Default),
            "int2" => Of(PgValue.Int16, ColumnType.Int64, Int16Type.Default),
            "int4" => Of(PgValue.Int32, ColumnType.Int64, Int32Type.Default),
            "int8" => Of(PgValue.Int64, ColumnType.Int64, Int64Type.Default),
            "oid" => Of(PgValue.Int64, ColumnType.Int64, Int64Type.Default, "{0}::int8"),
            "float4" => Of(PgValue.Float32, ColumnType.Float64, FloatType.Default),
            "float8" => Of(PgValue.Float64, ColumnType.Float64, DoubleType.Default),
            "numeric" => Numeric(c, Of),
            "text" or "varchar" or "bpchar" or "name" or "citext" => Of(PgValue.Text, ColumnType.Utf8, StringType.Default),
            "char" or "inet" or "cidr" or "macaddr" or "macaddr8" or "xml" => Of(PgValue.Text, ColumnType.Utf8, StringType.Default, "{0}::text"),
            "uuid" => Of(PgValue.Uuid, ColumnType.Utf8, StringType.Default, cast: "UUID"),
            "json" or "jsonb" => Of(PgValue.Text, ColumnType.Json, StringType.Default, "{0}::text"),
            "bytea" => Of(PgValue.Binary, ColumnType.Binary, BinaryType.Default),
            "date" => Of(PgValue.Date, ColumnType.Date, Date32Type.Default),
            "timestamp" => Of(PgValue.Timestamp, ColumnType.Timestamp, Timestamp),
            "timestamptz" => Of(PgValue.TimestampTz, ColumnType.Timestamp, TimestampUtc),
            "time" => Of(PgValue.Time, ColumnType.Utf8, Time),
            "interval" => Of(PgValue.Interval, ColumnType.Utf8, IntervalType.MonthDayNanosecond),
            _ => throw Unsupported(c, pipeline, source, c.TypeName),
        };
    }

    // numeric(p,s) keeps its precision up to 38 digits; an unconstrained numeric (or one wider than DuckDB's DECIMAL)
    // has no fixed scale, so it lands as DOUBLE (15–17 significant digits), as docs/connectors.md says.
    private static PgColumn Numeric(PgColumnInfo c, Func<PgValue, ColumnType, IArrowType, string, string?, PgColumn> of)
    {
        if (c.Typmod < 4)
        {
            return of(PgValue.Float64, ColumnType.Float64, DoubleType.Default, "{0}::float8", null);
        }

        var precision = ((c.Typmod - 4) >> 16) & 0xFFFF;
        var scale = (short)((c.Typmod - 4) & 0xFFFF);
        if (precision > 38 || scale < 0 || scale > precision)
        {
            return of(PgValue.Float64, ColumnType.Float64, DoubleType.Default, "{0}::float8", null);
        }

        var type = ColumnType.Decimal((byte)precision, (byte)scale);
        return precision <= DecimalDigits
            ? of(PgValue.Decimal, type, new Decimal128Type(precision, scale), "{0}", null)
            : of(PgValue.Text, type, StringType.Default, "{0}::text", $"DECIMAL({precision},{scale})");
    }

    private static ConnectorException Unsupported(PgColumnInfo c, string pipeline, string source, string type) => new(ConnectorErrorKind.Permanent,
        $"pipeline '{pipeline}': column '{c.Name}' of {source} has the type {c.SqlType}, which Hakiri cannot land as it is; "
        + $"read it through a query with a cast, e.g. query = \"SELECT …, {Quote(c.Name)}::text AS {Quote(c.Name)} FROM …\" (type {type}).");

    /// <summary>An SQL identifier, quoted.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
