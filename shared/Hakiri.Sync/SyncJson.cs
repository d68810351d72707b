using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hakiri.Sync;

/// <summary>The JSON forms of sync's reports (snake_case, indented), for <c>-f json</c>.</summary>
public static class SyncJson
{
    /// <summary>A push's report.</summary>
    public static string Serialize(PushResult result) => JsonSerializer.Serialize(result, SyncReportJsonContext.Default.PushResult);

    /// <summary>A pull's report.</summary>
    public static string Serialize(PullResult result) => JsonSerializer.Serialize(result, SyncReportJsonContext.Default.PullResult);

    /// <summary>A status report.</summary>
    public static string Serialize(SyncStatusReport result) => JsonSerializer.Serialize(result, SyncReportJsonContext.Default.SyncStatusReport);

    /// <summary>A probe's report.</summary>
    public static string Serialize(ProbeReport result) => JsonSerializer.Serialize(result, SyncReportJsonContext.Default.ProbeReport);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(PushResult))]
[JsonSerializable(typeof(PullResult))]
[JsonSerializable(typeof(SyncStatusReport))]
[JsonSerializable(typeof(ProbeReport))]
internal sealed partial class SyncReportJsonContext : JsonSerializerContext;
