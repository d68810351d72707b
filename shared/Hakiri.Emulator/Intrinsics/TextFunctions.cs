using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Execution;
using Hakiri.Emulator.Json;
using static Hakiri.Emulator.Intrinsics.IntrinsicFunctions;

namespace Hakiri.Emulator.Intrinsics;

/// <summary>String, encoding, hashing and JSON intrinsics.</summary>
internal static class TextFunctions
{
    private const int MaxEncodedLength = 10_000;

    public static JsonNode? Evaluate(string name, JsonNode?[] args) => name switch
    {
        "States.StringToJson" => StringToJson(args),
        "States.JsonToString" => JsonValue.Create(JsonText.Write(args[0])),
        "States.Base64Encode" => Base64Encode(args),
        "States.Base64Decode" => Base64Decode(args),
        "States.Hash" => Hash(args),
        "States.JsonMerge" => JsonMerge(args),
        "States.StringSplit" => StringSplit(args),
        _ => throw new InvalidOperationException($"No implementation for {name}."),
    };

    /// <summary>
    /// Replaces each <c>{}</c> of the template with the matching argument. In a literal template, <c>\{</c> and
    /// <c>\}</c> are plain braces; a template read from a path has no escapes.
    /// </summary>
    public static JsonNode Format(IntrinsicCall call, DataScope scope)
    {
        var parts = new List<string?>();
        if (call.Arguments[0] is LiteralArgument { Raw: { } raw })
        {
            SplitLiteralTemplate(raw, parts);
        }
        else
        {
            var template = EvaluateArgument(call.Arguments[0], scope, call.Name);
            if (!JsonText.TryGetString(template, out var text))
            {
                throw StateFailure.Intrinsic($"The template of States.Format must be a string, not {JsonText.KindName(template)}.");
            }

            var pieces = text.Split("{}");
            for (var i = 0; i < pieces.Length; i++)
            {
                if (i > 0)
                {
                    parts.Add(null);
                }

                parts.Add(pieces[i]);
            }
        }

        var placeholders = parts.Count(p => p is null);
        if (placeholders != call.Arguments.Count - 1)
        {
            throw StateFailure.Intrinsic($"States.Format has {placeholders} placeholder(s) but {call.Arguments.Count - 1} value(s).");
        }

        var result = new StringBuilder();
        var next = 1;
        foreach (var part in parts)
        {
            result.Append(part ?? Render(EvaluateArgument(call.Arguments[next++], scope, call.Name)));
        }

        return JsonValue.Create(result.ToString());
    }

    private static void SplitLiteralTemplate(string raw, List<string?> parts)
    {
        var current = new StringBuilder();
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length)
            {
                current.Append(raw[++i]);
            }
            else if (raw[i] == '{' && i + 1 < raw.Length && raw[i + 1] == '}')
            {
                parts.Add(current.ToString());
                parts.Add(null);
                current.Clear();
                i++;
            }
            else
            {
                current.Append(raw[i]);
            }
        }

        parts.Add(current.ToString());
    }

    private static string Render(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => JsonText.Write(value),
        _ => throw StateFailure.Intrinsic($"States.Format can only insert strings, numbers, booleans and null, not an {JsonText.KindName(value)}."),
    };

    private static JsonNode? StringToJson(JsonNode?[] args)
    {
        var text = StringArgument(args, 0, "States.StringToJson");
        try
        {
            return JsonText.Parse(text);
        }
        catch (JsonException e)
        {
            throw StateFailure.Intrinsic($"States.StringToJson could not parse {JsonText.Describe(args[0])}: {e.Message}");
        }
    }

    private static JsonValue Base64Encode(JsonNode?[] args)
    {
        var text = StringArgument(args, 0, "States.Base64Encode");
        CheckLength(text, "States.Base64Encode");
        return JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
    }

    private static JsonValue Base64Decode(JsonNode?[] args)
    {
        var text = StringArgument(args, 0, "States.Base64Decode");
        CheckLength(text, "States.Base64Decode");
        try
        {
            return JsonValue.Create(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
        }
        catch (FormatException)
        {
            throw StateFailure.Intrinsic($"States.Base64Decode was given text that is not Base64: {JsonText.Describe(args[0])}.");
        }
    }

    private static JsonValue Hash(JsonNode?[] args)
    {
        var data = JsonText.TryGetString(args[0], out var text) ? text : JsonText.Write(args[0]);
        CheckLength(data, "States.Hash");
        var bytes = Encoding.UTF8.GetBytes(data);
#pragma warning disable CA5350, CA5351 // MD5 and SHA-1 are what the definition asked for, not a security choice here.
        var hash = StringArgument(args, 1, "States.Hash") switch
        {
            "MD5" => MD5.HashData(bytes),
            "SHA-1" => SHA1.HashData(bytes),
            "SHA-256" => SHA256.HashData(bytes),
            "SHA-384" => SHA384.HashData(bytes),
            "SHA-512" => SHA512.HashData(bytes),
            var other => throw StateFailure.Intrinsic($"States.Hash does not know the algorithm '{other}'; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512."),
        };
#pragma warning restore CA5350, CA5351
        return JsonValue.Create(Convert.ToHexStringLower(hash));
    }

    private static JsonObject JsonMerge(JsonNode?[] args)
    {
        var left = args[0] as JsonObject ?? throw StateFailure.Intrinsic($"Argument 1 of States.JsonMerge must be an object, not {JsonText.KindName(args[0])}.");
        var right = args[1] as JsonObject ?? throw StateFailure.Intrinsic($"Argument 2 of States.JsonMerge must be an object, not {JsonText.KindName(args[1])}.");
        if (!JsonText.TryGetBoolean(args[2], out var deep) || deep)
        {
            throw StateFailure.Intrinsic("The third argument of States.JsonMerge must be false: only the shallow merge exists.");
        }

        var merged = (JsonObject)left.DeepClone();
        foreach (var (key, value) in right)
        {
            merged[key] = JsonText.Clone(value);
        }

        return merged;
    }

    private static JsonArray StringSplit(JsonNode?[] args)
    {
        var text = StringArgument(args, 0, "States.StringSplit");
        var delimiters = StringArgument(args, 1, "States.StringSplit");
        var pieces = delimiters.Length == 0
            ? (text.Length == 0 ? [] : [text])
            : text.Split(delimiters.ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
        var array = new JsonArray();
        foreach (var piece in pieces)
        {
            array.Add((JsonNode)JsonValue.Create(piece));
        }

        return array;
    }

    private static void CheckLength(string text, string function)
    {
        if (text.Length > MaxEncodedLength)
        {
            throw StateFailure.Intrinsic($"{function} accepts at most {MaxEncodedLength} characters; got {text.Length}.");
        }
    }
}
