using System.Net;
using System.Text;

namespace Hakiri.Audit.Tests;

/// <summary>
/// An OTLP/HTTP collector stand-in on 127.0.0.1: takes POST /v1/traces (http/protobuf) and keeps the first export that
/// carries a marker string (other tests of the assembly record spans of the same source while this one listens).
/// </summary>
internal sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly TaskCompletionSource<byte[]> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly string _marker;

    private OtlpCollector(int port, string marker)
    {
        _marker = marker;
        Endpoint = new Uri($"http://127.0.0.1:{port}/v1/traces");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = ServeAsync();
    }

    public Uri Endpoint { get; }

    /// <summary>The body of the first trace export that carries the marker.</summary>
    public Task<byte[]> FirstExport => _first.Task;

    public static OtlpCollector Start(string marker) => new(Testing.Loopback.FreePort(), marker);

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body).ConfigureAwait(false);
            var accepted = context.Request.HttpMethod == "POST" && context.Request.Url!.AbsolutePath == "/v1/traces" &&
                context.Request.ContentType == "application/x-protobuf";
            context.Response.StatusCode = accepted ? 200 : 404;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
            if (accepted && Strings(body.ToArray()).Contains(_marker, StringComparer.Ordinal))
            {
                _first.TrySetResult(body.ToArray());
            }
        }
    }

    /// <summary>Every string in a protobuf message, found by walking its length-delimited fields (nested messages too).</summary>
    public static IReadOnlyList<string> Strings(byte[] message)
    {
        var found = new List<string>();
        Walk(message, found);
        return found;
    }

    private static bool Walk(ReadOnlySpan<byte> data, List<string> found)
    {
        var before = found.Count;
        while (!data.IsEmpty)
        {
            if (!TryVarint(ref data, out var tag) || tag >> 3 == 0)
            {
                found.RemoveRange(before, found.Count - before);
                return false;
            }

            var ok = (tag & 7) switch
            {
                0 => TryVarint(ref data, out _),
                1 => Skip(ref data, 8),
                5 => Skip(ref data, 4),
                2 => TryVarint(ref data, out var length) && length <= (ulong)data.Length && Field(ref data, (int)length, found),
                _ => false,
            };
            if (!ok)
            {
                found.RemoveRange(before, found.Count - before);
                return false;
            }
        }

        return true;
    }

    private static bool Field(ref ReadOnlySpan<byte> data, int length, List<string> found)
    {
        var field = data[..length];
        data = data[length..];
        if (!Walk(field, found) && Utf8(field) is { } text)
        {
            found.Add(text);
        }

        return true;
    }

    private static string? Utf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool Skip(ref ReadOnlySpan<byte> data, int count)
    {
        if (data.Length < count)
        {
            return false;
        }

        data = data[count..];
        return true;
    }

    private static bool TryVarint(ref ReadOnlySpan<byte> data, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && !data.IsEmpty; shift += 7)
        {
            var b = data[0];
            data = data[1..];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
