using System.Globalization;
using System.Text;
using Hakiri.DuckDb.Native;

namespace Hakiri.DuckDb;

/// <summary>Reads a C API logical type into a <see cref="DuckDbColumnType"/>, naming it the way DuckDB prints it.</summary>
internal static class LogicalTypes
{
    /// <summary>Describes <paramref name="type"/>; the caller keeps ownership of the handle.</summary>
    public static DuckDbColumnType Describe(LogicalTypeHandle type)
    {
        var kind = (DuckDbTypeKind)DuckDbNative.duckdb_get_type_id(type);
        var alias = DuckDbNative.TakeString(DuckDbNative.duckdb_logical_type_get_alias(type));
        var described = kind switch
        {
            DuckDbTypeKind.Decimal => Decimal(type),
            DuckDbTypeKind.Enum => Enum(type),
            DuckDbTypeKind.List => List(type),
            DuckDbTypeKind.Array => Array(type),
            DuckDbTypeKind.Map => Map(type),
            DuckDbTypeKind.Struct => Fields(kind, type, DuckDbNative.duckdb_struct_type_child_count, DuckDbNative.duckdb_struct_type_child_name, DuckDbNative.duckdb_struct_type_child_type),
            DuckDbTypeKind.Union => Fields(kind, type, DuckDbNative.duckdb_union_type_member_count, DuckDbNative.duckdb_union_type_member_name, DuckDbNative.duckdb_union_type_member_type),
            _ => new DuckDbColumnType(kind, NameOf(kind)),
        };
        // DuckDB prints an aliased type (JSON, a CREATE TYPE name) by its alias.
        return string.IsNullOrEmpty(alias) ? described : Renamed(described, alias);
    }

    private static DuckDbColumnType Decimal(LogicalTypeHandle type)
    {
        int width = DuckDbNative.duckdb_decimal_width(type);
        int scale = DuckDbNative.duckdb_decimal_scale(type);
        return new DuckDbColumnType(DuckDbTypeKind.Decimal, string.Create(CultureInfo.InvariantCulture, $"DECIMAL({width},{scale})"))
        {
            Precision = width,
            Scale = scale,
            Storage = (DuckDbTypeKind)DuckDbNative.duckdb_decimal_internal_type(type),
        };
    }

    private static DuckDbColumnType Enum(LogicalTypeHandle type)
    {
        var labels = new string[DuckDbNative.duckdb_enum_dictionary_size(type)];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = DuckDbNative.TakeString(DuckDbNative.duckdb_enum_dictionary_value(type, (ulong)i)) ?? "";
        }

        var name = new StringBuilder("ENUM(");
        for (var i = 0; i < labels.Length; i++)
        {
            name.Append(i == 0 ? "" : ", ").Append('\'').Append(labels[i].Replace("'", "''", StringComparison.Ordinal)).Append('\'');
        }

        return new DuckDbColumnType(DuckDbTypeKind.Enum, name.Append(')').ToString())
        {
            Storage = (DuckDbTypeKind)DuckDbNative.duckdb_enum_internal_type(type),
            EnumLabels = labels,
        };
    }

    private static DuckDbColumnType List(LogicalTypeHandle type)
    {
        using var child = DuckDbNative.duckdb_list_type_child_type(type);
        var element = Describe(child);
        return new DuckDbColumnType(DuckDbTypeKind.List, element.Name + "[]") { Children = [("", element)] };
    }

    private static DuckDbColumnType Array(LogicalTypeHandle type)
    {
        using var child = DuckDbNative.duckdb_array_type_child_type(type);
        var element = Describe(child);
        var size = (int)DuckDbNative.duckdb_array_type_array_size(type);
        return new DuckDbColumnType(DuckDbTypeKind.Array, string.Create(CultureInfo.InvariantCulture, $"{element.Name}[{size}]"))
        {
            Children = [("", element)],
            ArraySize = size,
        };
    }

    private static DuckDbColumnType Map(LogicalTypeHandle type)
    {
        using var keyHandle = DuckDbNative.duckdb_map_type_key_type(type);
        using var valueHandle = DuckDbNative.duckdb_map_type_value_type(type);
        var key = Describe(keyHandle);
        var value = Describe(valueHandle);
        return new DuckDbColumnType(DuckDbTypeKind.Map, $"MAP({key.Name}, {value.Name})") { Children = [("key", key), ("value", value)] };
    }

    private static DuckDbColumnType Fields(
        DuckDbTypeKind kind,
        LogicalTypeHandle type,
        Func<LogicalTypeHandle, ulong> count,
        Func<LogicalTypeHandle, ulong, nint> nameOf,
        Func<LogicalTypeHandle, ulong, LogicalTypeHandle> typeOf)
    {
        var fields = new (string Name, DuckDbColumnType Type)[(int)count(type)];
        var name = new StringBuilder(kind == DuckDbTypeKind.Struct ? "STRUCT(" : "UNION(");
        for (var i = 0; i < fields.Length; i++)
        {
            using var fieldType = typeOf(type, (ulong)i);
            fields[i] = (DuckDbNative.TakeString(nameOf(type, (ulong)i)) ?? "", Describe(fieldType));
            name.Append(i == 0 ? "" : ", ").Append(SqlIdentifiers.QuoteIfNeeded(fields[i].Name)).Append(' ').Append(fields[i].Type.Name);
        }

        return new DuckDbColumnType(kind, name.Append(')').ToString()) { Children = fields };
    }

    private static DuckDbColumnType Renamed(DuckDbColumnType type, string name) => new(type.Kind, name)
    {
        Precision = type.Precision,
        Scale = type.Scale,
        Storage = type.Storage,
        EnumLabels = type.EnumLabels,
        Children = type.Children,
        ArraySize = type.ArraySize,
    };

    private static string NameOf(DuckDbTypeKind kind) => kind switch
    {
        DuckDbTypeKind.TimestampTz => "TIMESTAMP WITH TIME ZONE",
        DuckDbTypeKind.TimeTz => "TIME WITH TIME ZONE",
        DuckDbTypeKind.TimestampS => "TIMESTAMP_S",
        DuckDbTypeKind.TimestampMs => "TIMESTAMP_MS",
        DuckDbTypeKind.TimestampNs => "TIMESTAMP_NS",
        DuckDbTypeKind.TimeNs => "TIME_NS",
        DuckDbTypeKind.SqlNull => "\"NULL\"",
        _ => kind.ToString().ToUpperInvariant(),
    };
}
