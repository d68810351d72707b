using Hakiri.Model.Manifests;
using System.Text.Json.Serialization;
using Hakiri.Access.Audit;
using Hakiri.Access.Policy;

namespace Hakiri.Audit.Journal;

/// <summary>One journal line: an <see cref="AuditRecord"/> with its keys already in their kept form (hashed or plain).</summary>
internal sealed record JournalEntry(
    [property: JsonPropertyName("time_us")] long TimeMicros,
    [property: JsonPropertyName("agent")] string? Agent,
    [property: JsonPropertyName("host")] string? Host,
    [property: JsonPropertyName("on_behalf_of")] string? OnBehalfOf,
    [property: JsonPropertyName("task_id")] string? TaskId,
    [property: JsonPropertyName("token_id")] string? TokenId,
    [property: JsonPropertyName("tool")] string Tool,
    [property: JsonPropertyName("tables")] IReadOnlyList<string> Tables,
    [property: JsonPropertyName("row_count")] long RowCount,
    [property: JsonPropertyName("key_tables")] IReadOnlyList<string> KeyTables,
    [property: JsonPropertyName("keys")] IReadOnlyList<string> Keys,
    [property: JsonPropertyName("keys_complete")] bool KeysComplete)
{
    public DateTimeOffset Time => DateTimeOffset.UnixEpoch.AddTicks(TimeMicros * TimeSpan.TicksPerMicrosecond);

    public DateOnly Day => DateOnly.FromDateTime(Time.UtcDateTime);

    public static JournalEntry From(AuditRecord record, AuditKeyMode mode) => new(
        (record.Time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond,
        record.Subject?.Agent,
        record.Subject?.Host,
        record.Subject?.OnBehalfOf,
        record.Subject?.TaskId,
        record.TokenId,
        record.Tool,
        record.Tables,
        record.RowCount,
        record.Keys.Select(k => k.Table).ToArray(),
        record.Keys.Select(k => AuditKeys.Encode(mode, k.Table, k.Key)).ToArray(),
        record.KeysComplete);

    public Subject? Subject => Agent is null ? null : new Subject(Agent, Host, OnBehalfOf, TaskId);
}

[JsonSerializable(typeof(JournalEntry))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
