using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hakiri.Emulator.History;

/// <summary>
/// Writes a history as GetExecutionHistory returns it: <c>{"events": [{"timestamp", "type", "id",
/// "previousEventId", "&lt;type&gt;EventDetails": {…}}]}</c>, so a run can keep it as a file and tools can read it.
/// </summary>
public static class ExecutionHistoryJson
{
    /// <summary>The history as JSON text.</summary>
    /// <param name="events">The events, as <see cref="ExecutionResult.History"/> holds them.</param>
    /// <param name="indented">Whether to indent the text for people.</param>
    public static string Serialize(IReadOnlyList<HistoryEvent> events, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options(indented)))
        {
            Write(writer, events);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the history to a stream (for example a file of the run).</summary>
    /// <param name="stream">Where to write.</param>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    public static async Task WriteAsync(Stream stream, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(events);
        await using var writer = new Utf8JsonWriter(stream, Options(indented: true));
        Write(writer, events);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the history object with a caller's writer.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="events">The events.</param>
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<HistoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(events);
        writer.WriteStartObject();
        writer.WriteStartArray("events");
        foreach (var e in events)
        {
            WriteEvent(writer, e);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static JsonWriterOptions Options(bool indented) =>
        new() { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void WriteEvent(Utf8JsonWriter writer, HistoryEvent e)
    {
        writer.WriteStartObject();
        writer.WriteString("timestamp", e.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("type", e.Type.ToString());
        writer.WriteNumber("id", e.Id);
        writer.WriteNumber("previousEventId", e.PreviousEventId);
        if (HasDetails(e))
        {
            writer.WriteStartObject(DetailsName(e.Type));
            WriteIfSet(writer, "name", e.StateName);
            if (e.Index is { } index)
            {
                writer.WriteNumber("index", index);
            }

            if (e.Length is { } length)
            {
                writer.WriteNumber("length", length);
            }

            WriteIfSet(writer, "resourceType", e.ResourceType);
            WriteIfSet(writer, "resource", e.Resource);
            WriteIfSet(writer, "input", e.Input);
            WriteIfSet(writer, "parameters", e.Parameters);
            WriteIfSet(writer, "output", e.Output);
            WriteIfSet(writer, "error", e.Error);
            WriteIfSet(writer, "cause", e.Cause);
            if (e.TimeoutInSeconds is { } timeout)
            {
                writer.WriteNumber("timeoutInSeconds", timeout);
            }

            if (e.HeartbeatInSeconds is { } heartbeat)
            {
                writer.WriteNumber("heartbeatInSeconds", heartbeat);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static bool HasDetails(HistoryEvent e) =>
        e.StateName is not null || e.Index is not null || e.Length is not null || e.Resource is not null || e.Input is not null
        || e.Parameters is not null || e.Output is not null || e.Error is not null || e.Cause is not null;

    /// <summary>Every *StateEntered shares stateEnteredEventDetails (likewise exits); other types name their own.</summary>
    internal static string DetailsName(HistoryEventType type)
    {
        var name = type.ToString();
        if (name.EndsWith("StateEntered", StringComparison.Ordinal))
        {
            return "stateEnteredEventDetails";
        }

        if (name.EndsWith("StateExited", StringComparison.Ordinal))
        {
            return "stateExitedEventDetails";
        }

        return string.Concat(char.ToLowerInvariant(name[0]).ToString(), name.AsSpan(1), "EventDetails");
    }
}
