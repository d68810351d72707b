using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition.Parsing;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Execution;
using Hakiri.Emulator.Intrinsics;
using Hakiri.Emulator.Json;
using Hakiri.Emulator.Paths;

namespace Hakiri.Emulator.Payload;

/// <summary>
/// A compiled payload template (Parameters, ResultSelector, ItemSelector): fields whose names end in <c>.$</c> take
/// their value from a path or an intrinsic function, at any depth, arrays included.
/// </summary>
internal abstract class PayloadTemplate
{
    /// <summary>Builds the value for the given data.</summary>
    public abstract JsonNode? Evaluate(DataScope scope);

    /// <summary>Compiles a template, failing with the state and field when a <c>.$</c> value is not a path or a call.</summary>
    public static PayloadTemplate Compile(JsonNode? template, FieldReader reader, string field) => template switch
    {
        JsonObject obj => CompileObject(obj, reader, field),
        JsonArray array => new ArrayTemplate([.. array.Select((item, i) => Compile(item, reader, $"{field}[{i}]"))]),
        _ => new LiteralTemplate(JsonText.Clone(template)),
    };

    private static ObjectTemplate CompileObject(JsonObject obj, FieldReader reader, string field)
    {
        var fields = new List<(string, PayloadTemplate)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            var dynamic = key.EndsWith(".$", StringComparison.Ordinal);
            var name = dynamic ? key[..^2] : key;
            if (!names.Add(name))
            {
                throw reader.Error($"The field '{name}' is given twice (once with '.$').", $"{field}.{key}");
            }

            fields.Add((name, dynamic ? CompileExpression(key, value, reader, $"{field}.{key}") : Compile(value, reader, $"{field}.{key}")));
        }

        return new ObjectTemplate(fields);
    }

    /// <summary>Compiles a <c>.$</c> value: a path (<c>$…</c>, <c>$$…</c>) or an intrinsic call.</summary>
    public static PayloadTemplate CompileExpression(string key, JsonNode? value, FieldReader reader, string location)
    {
        if (!JsonText.TryGetString(value, out var text))
        {
            throw reader.Error($"The value of '{key}' must be a string holding a path or an intrinsic function.", location);
        }

        if (IntrinsicParser.LooksLikeCall(text))
        {
            return IntrinsicParser.TryParse(text, out var call, out var callError)
                ? new IntrinsicTemplate(call)
                : throw reader.Error($"'{text}' is not a valid intrinsic function call: {callError}.", location);
        }

        return JsonPath.TryParse(text, out var path, out var pathError)
            ? new PathTemplate(key, path)
            : throw reader.Error($"The value of '{key}' must be a path or an intrinsic function; '{text}' is neither ({pathError}).", location);
    }

    private sealed class LiteralTemplate(JsonNode? value) : PayloadTemplate
    {
        public override JsonNode? Evaluate(DataScope scope) => JsonText.Clone(value);
    }

    private sealed class ArrayTemplate(IReadOnlyList<PayloadTemplate> items) : PayloadTemplate
    {
        public override JsonNode Evaluate(DataScope scope) => new JsonArray([.. items.Select(i => i.Evaluate(scope))]);
    }

    private sealed class ObjectTemplate(IReadOnlyList<(string Name, PayloadTemplate Value)> fields) : PayloadTemplate
    {
        public override JsonNode Evaluate(DataScope scope)
        {
            var result = new JsonObject();
            foreach (var (name, value) in fields)
            {
                result[name] = value.Evaluate(scope);
            }

            return result;
        }
    }

    private sealed class PathTemplate(string key, JsonPath path) : PayloadTemplate
    {
        public override JsonNode? Evaluate(DataScope scope) => scope.TryRead(path, out var value)
            ? value
            : throw StateFailure.Runtime(
                $"The JSONPath '{path.Text}' specified for the field '{key}' could not be found in the input {JsonText.Describe(path.IsContext ? scope.Context.Json : scope.Input)}.");
    }

    private sealed class IntrinsicTemplate(IntrinsicCall call) : PayloadTemplate
    {
        public override JsonNode? Evaluate(DataScope scope) => IntrinsicFunctions.Evaluate(call, scope);
    }
}
