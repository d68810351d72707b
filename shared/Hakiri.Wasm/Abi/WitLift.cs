using Hakiri.Connectors.Contract;

namespace Hakiri.Wasm.Abi;

/// <summary>A <c>batch</c> lifted out of guest memory.</summary>
internal sealed record GuestBatch(byte[] Arrow, string Locator, byte[] Cursor, bool HasMore);

/// <summary>
/// Lifts the source interface's results out of guest memory by the layouts in <see cref="WitLayouts"/>. A result's
/// error case comes back as a value (<see cref="LiftResult{T}"/>), not thrown: it is the guest speaking, not a fault.
/// </summary>
internal sealed class WitLift(string connector, GuestMemory memory)
{
    /// <summary>A lifted <c>result</c>: the ok value or the guest's connector-error.</summary>
    public readonly record struct LiftResult<T>(T? Value, ConnectorException? Error);

    /// <summary>Checks the return area an export handed back and reads its result discriminant.</summary>
    public bool IsOk(uint returnArea, VariantType type, string call)
    {
        memory.Check(returnArea, (ulong)type.Size, type.Alignment, $"the result of {call}");
        var discriminant = memory.U8(returnArea, $"the result of {call}");
        return discriminant switch
        {
            0 => true,
            1 => false,
            _ => throw Invalid($"result discriminant {discriminant} from {call}"),
        };
    }

    public LiftResult<IReadOnlyList<TableSchema>> Discover(uint returnArea)
    {
        var type = WitLayouts.DiscoverResult;
        var payload = returnArea + (uint)type.PayloadOffset;
        if (!IsOk(returnArea, type, "discover"))
        {
            return new(null, Error(payload, "discover"));
        }

        var (pointer, count) = memory.List(payload, (ListType)type.Cases[0]!, "the table list of discover");
        var tables = new List<TableSchema>((int)Math.Min(count, 1024));
        for (uint i = 0; i < count; i++)
        {
            tables.Add(Table(pointer + (i * (uint)WitLayouts.TableSchema.Size)));
        }

        return new(tables, null);
    }

    public LiftResult<uint> Open(uint returnArea, string call)
    {
        var type = WitLayouts.OpenResult;
        var payload = returnArea + (uint)type.PayloadOffset;
        return IsOk(returnArea, type, call) ? new(memory.U32(payload, $"the read-handle of {call}"), null) : new(0, Error(payload, call));
    }

    public LiftResult<GuestBatch> Next(uint returnArea, string call)
    {
        var type = WitLayouts.NextResult;
        var payload = returnArea + (uint)type.PayloadOffset;
        if (!IsOk(returnArea, type, call))
        {
            return new(null, Error(payload, call));
        }

        var option = WitLayouts.OptionBatch;
        var some = memory.U8(payload, $"the batch option of {call}");
        if (some > 1)
        {
            throw Invalid($"option discriminant {some} from {call}");
        }

        if (some == 0)
        {
            return new(null, null);
        }

        var batch = payload + (uint)option.PayloadOffset;
        var layout = WitLayouts.Batch;
        return new(
            new GuestBatch(
                memory.Bytes(batch + (uint)layout.Offset(0), $"the arrow bytes of a batch ({call})"),
                memory.String(batch + (uint)layout.Offset(1), $"the locator of a batch ({call})"),
                memory.Bytes(batch + (uint)layout.Offset(2), $"the cursor of a batch ({call})"),
                memory.Bool(batch + (uint)layout.Offset(3), $"the has-more of a batch ({call})")),
            null);
    }

    public ConnectorException? Unit(uint returnArea, string call)
    {
        var type = WitLayouts.UnitResult;
        return IsOk(returnArea, type, call) ? null : Error(returnArea + (uint)type.PayloadOffset, call);
    }

    /// <summary>Lifts a <c>connector-error</c> into the exception of the matching kind.</summary>
    public ConnectorException Error(uint address, string call)
    {
        var type = WitLayouts.ConnectorError;
        var what = $"the connector-error of {call}";
        var discriminant = memory.U8(address, what);
        var payload = address + (uint)type.PayloadOffset;
        if (discriminant == 3)
        {
            var milliseconds = memory.U64(payload, what);
            var retryAfter = TimeSpan.FromMilliseconds(Math.Min(milliseconds, (ulong)TimeSpan.MaxValue.TotalMilliseconds / 2));
            return new ConnectorException(
                ConnectorErrorKind.RateLimited,
                $"connector {connector} was rate-limited in {call}: retry after {milliseconds} ms.",
                retryAfter);
        }

        var kind = discriminant switch
        {
            0 => ConnectorErrorKind.Transient,
            1 => ConnectorErrorKind.Permanent,
            2 => ConnectorErrorKind.AuthExpired,
            4 => ConnectorErrorKind.SchemaIncompatible,
            _ => throw Invalid($"connector-error case {discriminant} from {call}"),
        };
        return new ConnectorException(kind, $"connector {connector} failed in {call}: {memory.String(payload, what)}");
    }

    private TableSchema Table(uint address)
    {
        var layout = WitLayouts.TableSchema;
        var name = memory.String(address + (uint)layout.Offset(0), "a table name of discover");
        var description = OptionalString(address + (uint)layout.Offset(1), $"the description of table {name}");
        var (columnPointer, columnCount) = memory.List(address + (uint)layout.Offset(2), (ListType)layout.Fields[2], $"the columns of table {name}");
        var columns = new List<ColumnDefinition>((int)Math.Min(columnCount, 4096));
        for (uint i = 0; i < columnCount; i++)
        {
            columns.Add(Column(columnPointer + (i * (uint)WitLayouts.Column.Size), name));
        }

        var (keyPointer, keyCount) = memory.List(address + (uint)layout.Offset(3), WitLayouts.Strings, $"the primary key of table {name}");
        var key = new List<string>((int)Math.Min(keyCount, 64));
        for (uint i = 0; i < keyCount; i++)
        {
            key.Add(memory.String(keyPointer + (i * 8), $"a primary-key column of table {name}"));
        }

        return new TableSchema(name, description, columns, key);
    }

    private ColumnDefinition Column(uint address, string table)
    {
        var layout = WitLayouts.Column;
        var name = memory.String(address + (uint)layout.Offset(0), $"a column name of table {table}");
        var typeAddress = address + (uint)layout.Offset(1);
        var what = $"the type of column {table}.{name}";
        var type = memory.U8(typeAddress, what) switch
        {
            0 => ColumnType.Boolean,
            1 => ColumnType.Int64,
            2 => ColumnType.Float64,
            3 => ColumnType.Decimal(
                memory.U8(typeAddress + (uint)WitLayouts.ColumnType.PayloadOffset, what),
                memory.U8(typeAddress + (uint)WitLayouts.ColumnType.PayloadOffset + 1, what)),
            4 => ColumnType.Utf8,
            5 => ColumnType.Binary,
            6 => ColumnType.Date,
            7 => ColumnType.Timestamp,
            8 => ColumnType.Json,
            9 => ColumnType.List,
            var other => throw Invalid($"column-type case {other} for column {table}.{name}"),
        };
        var nullable = memory.Bool(address + (uint)layout.Offset(2), $"the nullable flag of column {table}.{name}");
        var description = OptionalString(address + (uint)layout.Offset(3), $"the description of column {table}.{name}");
        return new ColumnDefinition(name, type, nullable, description);
    }

    private string? OptionalString(uint address, string what)
    {
        var discriminant = memory.U8(address, what);
        return discriminant switch
        {
            0 => null,
            1 => memory.String(address + (uint)WitLayouts.OptionString.PayloadOffset, what),
            _ => throw Invalid($"option discriminant {discriminant} for {what}"),
        };
    }

    private ConnectorException Invalid(string what) =>
        new(ConnectorErrorKind.Permanent, $"connector {connector} returned an invalid {what}: it does not follow wit/connector.wit.");
}
