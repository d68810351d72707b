using Hakiri.Connectors.Contract;
using Hakiri.Wasm.Abi;
using Hakiri.Wasm.Host;
using Wasmtime;

namespace Hakiri.Wasm.Runtime;

/// <summary>
/// The host imports, under both namings, forwarding to <see cref="IConnectorHost"/>. Only untyped callbacks are used
/// (the package's generic overloads are not Native AOT safe). Whatever a callback throws becomes a trap in the guest;
/// the first such failure is remembered so the call's error can say what really happened.
/// </summary>
internal sealed partial class GuestInstance
{
    private const string Passed = "passed";

    /// <summary>Live read-handles a guest may hold: a host table must not grow at the guest's pleasure.</summary>
    private const int MaxHandles = 1024;

    private void DefineImports(Linker linker)
    {
        ValueKind[] none = [];
        ValueKind[] i32 = [ValueKind.Int32];
        foreach (var naming in GuestNaming.All)
        {
            foreach (var name in GuestNaming.HostFunctions)
            {
                var (parameters, _) = GuestSignatures.OfImport(name);
                linker.DefineFunction(naming.HostModule, name, Guard(name, HostCallback(name)), parameters, none);
            }

            linker.DefineFunction(naming.ResourceModule, naming.ResourceNew, Guard("[resource-new]read-handle", ResourceNew), i32, i32);
            linker.DefineFunction(naming.ResourceModule, naming.ResourceRep, Guard("[resource-rep]read-handle", ResourceRep), i32, i32);
            linker.DefineFunction(naming.ResourceModule, naming.ResourceDrop, Guard("[resource-drop]read-handle", ResourceDrop), i32, none);
        }
    }

    private Function.UntypedCallbackDelegate Guard(string import, Function.UntypedCallbackDelegate callback) =>
        (Caller caller, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> results) =>
        {
            try
            {
                if (_memory is null)
                {
                    throw new ConnectorException(
                        ConnectorErrorKind.Permanent,
                        $"connector {connector} called {import} while it was being instantiated: call host functions from its exports (or _initialize) only.");
                }

                callback(caller, arguments, results);
            }
            catch (Exception e)
            {
                _callbackFault ??= e;
                throw;
            }
        };

    private Function.UntypedCallbackDelegate HostCallback(string name) => name switch
    {
        "log" => Log,
        "now-ms" => NowMilliseconds,
        "config" => (_, arguments, _) => LookUp(arguments, "config", host.Config),
        "env" => (_, arguments, _) => LookUp(arguments, "env", host.Environment),
        _ => HttpFetch,
    };

    private void Log(Caller caller, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> results)
    {
        var level = arguments[0].AsInt32();
        if (level is < 0 or > 3)
        {
            throw new ConnectorException(ConnectorErrorKind.Permanent, $"connector {connector} passed log level {level}, which is not a log-level.");
        }

        var message = _memory!.String((uint)arguments[1].AsInt32(), (uint)arguments[2].AsInt32(), "the message of log", Passed);
        host.Log((GuestLogLevel)level, message);
    }

    private void NowMilliseconds(Caller caller, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> results) =>
        _lower!.OptionU64((uint)arguments[0].AsInt32(), host.NowMilliseconds(), "now-ms");

    private void LookUp(ReadOnlySpan<ValueBox> arguments, string call, Func<string, string?> lookUp)
    {
        var key = _memory!.String((uint)arguments[0].AsInt32(), (uint)arguments[1].AsInt32(), $"the key of {call}", Passed);
        _lower!.OptionString((uint)arguments[2].AsInt32(), lookUp(key), call);
    }

    private void HttpFetch(Caller caller, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> results)
    {
        var memory = _memory!;
        var method = memory.String((uint)arguments[0].AsInt32(), (uint)arguments[1].AsInt32(), "the method of http-fetch", Passed);
        var url = memory.String((uint)arguments[2].AsInt32(), (uint)arguments[3].AsInt32(), "the url of http-fetch", Passed);
        var (headerPointer, headerCount) = memory.List(
            (uint)arguments[4].AsInt32(), (uint)arguments[5].AsInt32(), WitLayouts.Headers, "the headers of http-fetch", Passed);
        var headers = new List<KeyValuePair<string, string>>((int)headerCount);
        for (uint i = 0; i < headerCount; i++)
        {
            var header = headerPointer + (i * (uint)WitLayouts.Header.Size);
            headers.Add(new(
                memory.String(memory.U32(header, "a header of http-fetch"), memory.U32(header + 4, "a header of http-fetch"), "a header name of http-fetch", Passed),
                memory.String(memory.U32(header + 8, "a header of http-fetch"), memory.U32(header + 12, "a header of http-fetch"), "a header value of http-fetch", Passed)));
        }

        var body = arguments[6].AsInt32() switch
        {
            0 => null,
            1 => memory.Bytes((uint)arguments[7].AsInt32(), (uint)arguments[8].AsInt32(), "the body of http-fetch", Passed),
            var other => throw new ConnectorException(ConnectorErrorKind.Permanent, $"connector {connector} passed option discriminant {other} for the body of http-fetch."),
        };
        var returnArea = (uint)arguments[9].AsInt32();
        GuestHttpResponse response;
        try
        {
            response = host.HttpFetch(new GuestHttpRequest(method, url, headers, body));
        }
        catch (ConnectorException refused)
        {
            _lower!.HttpResult(returnArea, null, refused);
            return;
        }

        _lower!.HttpResult(returnArea, response, null);
    }

    private void ResourceNew(Caller caller, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> results)
    {
        if (_handles.Count >= MaxHandles)
        {
            throw new ConnectorException(
                ConnectorErrorKind.Permanent,
                $"connector {connector} holds more than {MaxHandles} read-handles: it creates them without returning or dropping them.");
        }

        var handle = _nextHandle++;
        _handles[handle] = arguments[0].AsInt32();
        results[0] = handle;
    }

    private void ResourceRep(Caller caller, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> results)
    {
        var handle = arguments[0].AsInt32();
        results[0] = _handles.TryGetValue(handle, out var rep)
            ? rep
            : throw new ConnectorException(ConnectorErrorKind.Permanent, $"connector {connector} passed read-handle {handle} to [resource-rep]read-handle, which it does not own.");
    }

    private void ResourceDrop(Caller caller, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> results)
    {
        var handle = arguments[0].AsInt32();
        if (!Drop(handle))
        {
            throw new ConnectorException(ConnectorErrorKind.Permanent, $"connector {connector} passed read-handle {handle} to [resource-drop]read-handle, which it does not own.");
        }
    }
}
