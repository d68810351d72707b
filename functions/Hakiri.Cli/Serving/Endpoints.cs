using System.Globalization;
using System.Net;

namespace Hakiri.Cli.Serving;

/// <summary>Reads <c>--http</c> values: <c>127.0.0.1:8765</c>, <c>localhost:8765</c>, <c>[::1]:8765</c>, or a bare port (loopback).</summary>
internal static class Endpoints
{
    public static IPEndPoint? Parse(string value)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bare))
        {
            return bare <= IPEndPoint.MaxPort ? new IPEndPoint(IPAddress.Loopback, bare) : null;
        }

        var colon = value.LastIndexOf(':');
        if (colon > 0 && value[..colon] is "localhost"
            && int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= IPEndPoint.MaxPort)
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        return IPEndPoint.TryParse(value, out var endpoint) && value.Contains(':', StringComparison.Ordinal) ? endpoint : null;
    }
}
