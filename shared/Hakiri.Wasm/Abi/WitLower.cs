using Hakiri.Connectors.Contract;
using Hakiri.Wasm.Host;

namespace Hakiri.Wasm.Abi;

/// <summary>
/// Lowers host import results into the return area the guest passed (its <c>retptr</c>): strings and lists are
/// allocated through <c>cabi_realloc</c> first, then the fixed-size area is written, so no span outlives an allocation.
/// </summary>
internal sealed class WitLower(GuestMemory memory)
{
    public void OptionU64(uint returnArea, ulong? value, string call)
    {
        var type = WitLayouts.OptionU64;
        memory.Check(returnArea, (ulong)type.Size, type.Alignment, $"the return area of {call}", "passed");
        memory.Writable(returnArea, type.Size).Clear();
        if (value is { } some)
        {
            memory.WriteU8(returnArea, 1);
            memory.WriteU64(returnArea + (uint)type.PayloadOffset, some);
        }
    }

    public void OptionString(uint returnArea, string? value, string call)
    {
        var type = WitLayouts.OptionString;
        memory.Check(returnArea, (ulong)type.Size, type.Alignment, $"the return area of {call}", "passed");
        if (value is null)
        {
            memory.Writable(returnArea, type.Size).Clear();
            return;
        }

        var (pointer, length) = memory.WriteString(value, $"the result of {call}");
        memory.Writable(returnArea, type.Size).Clear();
        memory.WriteU8(returnArea, 1);
        memory.WriteU32(returnArea + (uint)type.PayloadOffset, pointer);
        memory.WriteU32(returnArea + (uint)type.PayloadOffset + 4, length);
    }

    public void HttpResult(uint returnArea, GuestHttpResponse? response, ConnectorException? error)
    {
        var type = WitLayouts.HttpResult;
        const string call = "http-fetch";
        memory.Check(returnArea, (ulong)type.Size, type.Alignment, $"the return area of {call}", "passed");
        var payload = returnArea + (uint)type.PayloadOffset;
        if (response is null)
        {
            var (discriminant, value) = ErrorPayload(error!, call);
            memory.Writable(returnArea, type.Size).Clear();
            memory.WriteU8(returnArea, 1);
            memory.WriteU8(payload, discriminant);
            var errorPayload = payload + (uint)WitLayouts.ConnectorError.PayloadOffset;
            if (value is { } text)
            {
                memory.WriteU32(errorPayload, text.Pointer);
                memory.WriteU32(errorPayload + 4, text.Length);
            }
            else
            {
                memory.WriteU64(errorPayload, (ulong)Math.Max(0, error!.RetryAfter?.TotalMilliseconds ?? 0));
            }

            return;
        }

        var headers = Headers(response.Headers, call);
        var body = memory.Write(response.Body, 1, $"the body of {call}");
        var layout = WitLayouts.HttpResponse;
        memory.Writable(returnArea, type.Size).Clear();
        memory.WriteU16(payload + (uint)layout.Offset(0), (ushort)Math.Clamp(response.Status, 0, ushort.MaxValue));
        memory.WriteU32(payload + (uint)layout.Offset(1), headers);
        memory.WriteU32(payload + (uint)layout.Offset(1) + 4, (uint)response.Headers.Count);
        memory.WriteU32(payload + (uint)layout.Offset(2), body);
        memory.WriteU32(payload + (uint)layout.Offset(2) + 4, (uint)response.Body.Length);
    }

    /// <summary>The case of a <c>connector-error</c> and its string payload (lowered), or none for rate-limited's u64.</summary>
    private (byte Discriminant, (uint Pointer, uint Length)? Text) ErrorPayload(ConnectorException error, string call)
    {
        byte discriminant = error.Kind switch
        {
            ConnectorErrorKind.Transient => 0,
            ConnectorErrorKind.Permanent => 1,
            ConnectorErrorKind.AuthExpired => 2,
            ConnectorErrorKind.RateLimited => 3,
            _ => 4,
        };
        return discriminant == 3 ? (discriminant, null) : (discriminant, memory.WriteString(error.Message, $"the error of {call}"));
    }

    private uint Headers(IReadOnlyList<KeyValuePair<string, string>> headers, string call)
    {
        var strings = new (uint Pointer, uint Length)[headers.Count * 2];
        for (var i = 0; i < headers.Count; i++)
        {
            strings[2 * i] = memory.WriteString(headers[i].Key, $"a header name of {call}");
            strings[(2 * i) + 1] = memory.WriteString(headers[i].Value, $"a header value of {call}");
        }

        var element = WitLayouts.Header;
        var array = memory.Allocate(headers.Count * element.Size, element.Alignment, $"the headers of {call}");
        for (var i = 0; i < strings.Length; i++)
        {
            memory.WriteU32(array + (uint)(i * 8), strings[i].Pointer);
            memory.WriteU32(array + (uint)(i * 8) + 4, strings[i].Length);
        }

        return array;
    }
}
