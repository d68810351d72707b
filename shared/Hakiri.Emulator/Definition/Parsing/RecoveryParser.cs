using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition.States;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Json;

namespace Hakiri.Emulator.Definition.Parsing;

/// <summary>Reads Retry and Catch arrays.</summary>
internal static class RecoveryParser
{
    private static readonly string[] RetrierFields = ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"];
    private static readonly string[] CatcherFields = ["ErrorEquals", "Next", "ResultPath", "Comment"];

    public static IReadOnlyList<Retrier> Retry(FieldReader state)
    {
        if (!state.Has("Retry"))
        {
            return [];
        }

        var array = state.RequireArray("Retry", nonEmpty: false);
        var retriers = new List<Retrier>();
        for (var i = 0; i < array.Count; i++)
        {
            var reader = Element(state, array[i], $"Retry[{i}]");
            reader.AllowOnly(RetrierFields, "a retrier");
            var jitter = reader.OptionalString("JitterStrategy") ?? "NONE";
            retriers.Add(new Retrier(
                ErrorEquals(reader, i == array.Count - 1),
                reader.OptionalInt("IntervalSeconds", 1) ?? 1,
                reader.OptionalInt("MaxAttempts", 0) ?? 3,
                reader.OptionalNumber("BackoffRate", 1.0) ?? 2.0,
                reader.OptionalInt("MaxDelaySeconds", 1),
                jitter switch
                {
                    "NONE" => JitterStrategy.None,
                    "FULL" => JitterStrategy.Full,
                    _ => throw reader.Error($"JitterStrategy must be FULL or NONE, not '{jitter}'.", "JitterStrategy"),
                }));
        }

        return retriers;
    }

    public static IReadOnlyList<Catcher> Catch(FieldReader state)
    {
        if (!state.Has("Catch"))
        {
            return [];
        }

        var array = state.RequireArray("Catch", nonEmpty: false);
        var catchers = new List<Catcher>();
        for (var i = 0; i < array.Count; i++)
        {
            var reader = Element(state, array[i], $"Catch[{i}]");
            reader.AllowOnly(CatcherFields, "a catcher");
            catchers.Add(new Catcher(ErrorEquals(reader, i == array.Count - 1), reader.RequireString("Next"), reader.DataPath("ResultPath", referenceOnly: true)));
        }

        return catchers;
    }

    private static FieldReader Element(FieldReader state, JsonNode? node, string location) =>
        node is JsonObject obj ? state.Child(obj, location) : throw state.Error("Each element must be an object.", location);

    private static List<string> ErrorEquals(FieldReader reader, bool isLast)
    {
        var array = reader.RequireArray("ErrorEquals", nonEmpty: true);
        var names = new List<string>();
        foreach (var node in array)
        {
            names.Add(JsonText.TryGetString(node, out var name) && name.Length > 0
                ? name
                : throw reader.Error("ErrorEquals must hold error names (non-empty strings).", "ErrorEquals"));
        }

        if (names.Contains(StatesErrors.All) && (names.Count > 1 || !isLast))
        {
            throw reader.Error("States.ALL must appear alone in ErrorEquals, and only in the last retrier or catcher.", "ErrorEquals");
        }

        return names;
    }
}
