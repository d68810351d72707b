using Hakiri.Connectors.Contract;
using Hakiri.Wasm.Abi;
using Wasmtime;

namespace Hakiri.Wasm.Runtime;

/// <summary>The source interface's exports, lowered and lifted. Each runs inside <see cref="GuestInstance.RunAsync{T}"/>.</summary>
internal sealed partial class GuestInstance
{
    public WitLift.LiftResult<IReadOnlyList<TableSchema>> Discover()
    {
        var returnArea = CallForResult(_exports!.Discover, []);
        var result = _lift!.Discover(returnArea);
        PostReturn(_exports.DiscoverPost, returnArea);
        return result;
    }

    /// <summary>Opens a read; the ok value is the host-side handle of the guest's read-handle.</summary>
    public WitLift.LiftResult<int> Open(string table, ReadOnlyMemory<byte>? cursor)
    {
        var call = $"open of table {table}";
        var (tablePointer, tableLength) = _memory!.WriteString(table, $"the table name of {call}");
        ValueBox[] arguments = cursor is { } bytes
            ? [(int)tablePointer, (int)tableLength, 1, (int)_memory.Write(bytes.Span, 1, $"the cursor of {call}"), bytes.Length]
            : [(int)tablePointer, (int)tableLength, 0, 0, 0];
        var returnArea = CallForResult(_exports!.Open, arguments);
        var result = _lift!.Open(returnArea, call);
        PostReturn(_exports.OpenPost, returnArea);
        if (result.Error is not null)
        {
            return new(0, result.Error);
        }

        var handle = (int)result.Value;
        if (!_handles.ContainsKey(handle))
        {
            throw new ConnectorException(
                ConnectorErrorKind.Permanent,
                $"connector {connector} returned read-handle {handle} from {call}, which it never created with [resource-new]read-handle.");
        }

        return new(handle, null);
    }

    public WitLift.LiftResult<GuestBatch> Next(int handle, string table)
    {
        var call = $"next of table {table}";
        var returnArea = CallForResult(_exports!.Next, [Rep(handle, call)]);
        var result = _lift!.Next(returnArea, call);
        PostReturn(_exports.NextPost, returnArea);
        return result;
    }

    public ConnectorException? Acknowledge(string table, ReadOnlyMemory<byte> committed)
    {
        var call = $"acknowledge of table {table}";
        var (tablePointer, tableLength) = _memory!.WriteString(table, $"the table name of {call}");
        var cursorPointer = _memory.Write(committed.Span, 1, $"the cursor of {call}");
        var returnArea = CallForResult(_exports!.Acknowledge, [(int)tablePointer, (int)tableLength, (int)cursorPointer, committed.Length]);
        var error = _lift!.Unit(returnArea, call);
        PostReturn(_exports.AcknowledgePost, returnArea);
        return error;
    }

    /// <summary>Drops the host's own handle: the guest's destructor runs with the resource's rep.</summary>
    public bool Drop(int handle)
    {
        if (!_handles.Remove(handle, out var rep))
        {
            return false;
        }

        _exports!.Dtor?.Invoke([rep]);
        return true;
    }

    private int Rep(int handle, string call) =>
        _handles.TryGetValue(handle, out var rep)
            ? rep
            : throw new ConnectorException(ConnectorErrorKind.Permanent, $"connector {connector} dropped its read-handle {handle} before {call}.");

    private static uint CallForResult(Function function, ReadOnlySpan<ValueBox> arguments) =>
        (uint)(int)(function.Invoke(arguments) ?? 0);

    private static void PostReturn(Function? post, uint returnArea) => post?.Invoke([(int)returnArea]);
}
