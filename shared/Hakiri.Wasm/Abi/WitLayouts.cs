namespace Hakiri.Wasm.Abi;

/// <summary>The layouts of <c>wit/connector.wit</c>'s types, built from <see cref="AbiType"/> by the spec's rules.</summary>
internal static class WitLayouts
{
    public static readonly ScalarType U8 = new(1);
    public static readonly ScalarType Bool = U8;
    public static readonly ScalarType U16 = new(2);
    public static readonly ScalarType U32 = new(4);
    public static readonly ScalarType U64 = new(8);
    public static readonly ListType String = new(null);
    public static readonly ListType Bytes = new(U8);
    public static readonly ListType Strings = new(String);

    /// <summary><c>column-type</c>: ten cases, only <c>decimal(tuple&lt;u8, u8&gt;)</c> carries a payload.</summary>
    public static readonly VariantType ColumnType = new(null, null, null, new RecordType(U8, U8), null, null, null, null, null, null);

    /// <summary><c>column</c>: name, type, nullable, description.</summary>
    public static readonly RecordType Column = new(String, ColumnType, Bool, VariantType.Option(String));

    /// <summary><c>table-schema</c>: name, description, columns, primary-key.</summary>
    public static readonly RecordType TableSchema = new(String, VariantType.Option(String), new ListType(Column), Strings);

    /// <summary><c>batch</c>: arrow, locator, cursor, has-more.</summary>
    public static readonly RecordType Batch = new(Bytes, String, Bytes, Bool);

    /// <summary><c>connector-error</c>: transient, permanent, auth-expired (strings), rate-limited (u64), schema-incompatible.</summary>
    public static readonly VariantType ConnectorError = new(String, String, String, U64, String);

    /// <summary><c>result&lt;list&lt;table-schema&gt;, connector-error&gt;</c> (discover).</summary>
    public static readonly VariantType DiscoverResult = VariantType.Result(new ListType(TableSchema), ConnectorError);

    /// <summary><c>result&lt;read-handle, connector-error&gt;</c> (open): an own handle is an i32.</summary>
    public static readonly VariantType OpenResult = VariantType.Result(U32, ConnectorError);

    /// <summary><c>option&lt;batch&gt;</c>.</summary>
    public static readonly VariantType OptionBatch = VariantType.Option(Batch);

    /// <summary><c>result&lt;option&lt;batch&gt;, connector-error&gt;</c> (next).</summary>
    public static readonly VariantType NextResult = VariantType.Result(OptionBatch, ConnectorError);

    /// <summary><c>result&lt;_, connector-error&gt;</c> (acknowledge).</summary>
    public static readonly VariantType UnitResult = VariantType.Result(null, ConnectorError);

    /// <summary><c>option&lt;u64&gt;</c> (now-ms).</summary>
    public static readonly VariantType OptionU64 = VariantType.Option(U64);

    /// <summary><c>option&lt;string&gt;</c> (config, env).</summary>
    public static readonly VariantType OptionString = VariantType.Option(String);

    /// <summary><c>tuple&lt;string, string&gt;</c>: one header.</summary>
    public static readonly RecordType Header = new(String, String);

    /// <summary><c>list&lt;tuple&lt;string, string&gt;&gt;</c>.</summary>
    public static readonly ListType Headers = new(Header);

    /// <summary><c>http-response</c>: status, headers, body.</summary>
    public static readonly RecordType HttpResponse = new(U16, Headers, Bytes);

    /// <summary><c>result&lt;http-response, connector-error&gt;</c> (http-fetch).</summary>
    public static readonly VariantType HttpResult = VariantType.Result(HttpResponse, ConnectorError);
}
