using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Hakiri.Deploy.Azure.Tests.StandIn;

/// <summary>A template the stand-in cannot evaluate (an unknown function, a bad reference): the deployment is a 400.</summary>
internal sealed class ArmTemplateException(string message) : Exception(message);

/// <summary>
/// The stand-in's template engine: the resources (type, evaluated name, evaluated body) and output values of an ARM
/// template, array form or languageVersion 2.0 (resources keyed by symbolic name; <c>existing</c> ones skipped; a
/// resource <c>copy</c> gives one resource per <c>copyIndex()</c>). Every <c>[expression]</c> string is evaluated by a
/// small ARM expression evaluator covering what <c>infra/azure/main.json</c> uses; an unknown function throws
/// <see cref="ArmTemplateException"/> naming it. <c>uniqueString</c> and <c>guid</c> are deterministic hashes (SHA-256),
/// NOT Azure's algorithms: the names are stable across runs but differ from what Azure would give. <c>reference()</c>
/// answers a synthesized runtime state (<see cref="RuntimeState"/>).
/// </summary>
internal sealed class ArmTemplateEvaluator
{
    private readonly JsonObject _template;
    private readonly Dictionary<string, JsonNode?> _parameters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, JsonNode?> _variables = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _evaluating = new(StringComparer.OrdinalIgnoreCase);
    private readonly Scope _scope;
    private readonly Dictionary<string, JsonNode?> _lambdaVariables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _copyIndexes = new(StringComparer.OrdinalIgnoreCase);
    private int? _copyIndex;

    private ArmTemplateEvaluator(JsonObject template, JsonObject? parameters, Scope scope)
    {
        _template = template;
        _scope = scope;
        foreach (var (name, supplied) in parameters ?? [])
        {
            _parameters[name] = supplied?["value"]?.DeepClone();
        }
    }

    public sealed record Resource(string Type, string Name, string Body, string? Scope = null);

    /// <summary>Where the template is deployed: the subscription, the resource group, its location, and the stand-in's host (the SCM host).</summary>
    public sealed record Scope(string Subscription, string ResourceGroup, string Location, string ScmHost)
    {
        public string GroupId => $"/subscriptions/{Subscription}/resourceGroups/{ResourceGroup}";
    }

    public static (IReadOnlyList<Resource> Resources, JsonObject Outputs) Evaluate(JsonObject template, JsonObject? parameters, Scope scope)
    {
        var evaluator = new ArmTemplateEvaluator(template, parameters, scope);
        var resources = evaluator.Resources();
        var outputs = new JsonObject();
        foreach (var (name, output) in template["outputs"]?.AsObject() ?? [])
        {
            outputs[name] = new JsonObject { ["type"] = output?["type"]?.DeepClone(), ["value"] = evaluator.Deep(output?["value"]) };
        }

        return (resources, outputs);
    }

    /// <summary>
    /// What <c>reference()</c> of a resource answers and what GET of it shows under <c>properties</c>: a site's host
    /// names (the SCM host is the stand-in itself, so OneDeploy reaches it), a storage account's endpoints, a
    /// component's connection string; other types an empty object.
    /// </summary>
    public static JsonObject RuntimeState(string type, string name, string scmHost) => type.ToLowerInvariant() switch
    {
        "microsoft.web/sites" => new JsonObject
        {
            ["defaultHostName"] = $"{name}.azurewebsites.net",
            ["state"] = "Running",
            ["hostNameSslStates"] = new JsonArray(
                new JsonObject { ["name"] = $"{name}.azurewebsites.net", ["hostType"] = "Standard" },
                new JsonObject { ["name"] = scmHost, ["hostType"] = "Repository" }),
        },
        "microsoft.storage/storageaccounts" => new JsonObject
        {
            ["primaryEndpoints"] = new JsonObject
            {
                ["blob"] = $"https://{name}.blob.core.windows.net/",
                ["queue"] = $"https://{name}.queue.core.windows.net/",
                ["table"] = $"https://{name}.table.core.windows.net/",
                ["file"] = $"https://{name}.file.core.windows.net/",
            },
        },
        "microsoft.insights/components" => new JsonObject
        {
            ["InstrumentationKey"] = Guid(name),
            ["ConnectionString"] = $"InstrumentationKey={Guid(name)};IngestionEndpoint=https://westeurope.in.applicationinsights.azure.com/",
        },
        _ => [],
    };

    private List<Resource> Resources()
    {
        var declared = _template["resources"] switch
        {
            JsonObject byName => byName.Select(p => (Symbol: (string?)p.Key, Body: p.Value!.AsObject())).ToList(),
            JsonArray array => array.Select(r => (Symbol: (string?)null, Body: r!.AsObject())).ToList(),
            _ => [],
        };
        var resources = new List<Resource>();
        foreach (var (_, body) in declared.Where(d => d.Body["existing"]?.GetValue<bool>() != true))
        {
            var copy = body["copy"]?.AsObject();
            var count = copy is null ? 1 : ToInt(Value(copy["count"]), "copy count");
            for (var i = 0; i < count; i++)
            {
                _copyIndex = copy is null ? null : i;
                if (copy?["name"]?.GetValue<string>() is { } loop)
                {
                    _copyIndexes[loop] = i;
                }

                if (body["condition"] is { } condition && Value(condition)?.GetValue<bool>() == false)
                {
                    continue;
                }

                var evaluated = new JsonObject();
                foreach (var (key, value) in body.Where(p => p.Key is not ("copy" or "condition" or "dependsOn")))
                {
                    evaluated[key] = Deep(value);
                }

                resources.Add(new Resource(Text(evaluated["type"]), Text(evaluated["name"]), evaluated.ToJsonString(), evaluated["scope"] is { } scope ? Text(scope) : null));
            }

            _copyIndex = null;
            _copyIndexes.Clear();
        }

        return resources;
    }

    /// <summary>A copy of <paramref name="node"/> with every expression string evaluated.</summary>
    private JsonNode? Deep(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Deep(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Deep)]),
        JsonValue value when value.TryGetValue<string>(out var text) => String(text),
        _ => node?.DeepClone(),
    };

    private JsonNode? Value(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? String(text) : Deep(node);

    private JsonNode? String(string text)
    {
        if (text.StartsWith("[[", StringComparison.Ordinal))
        {
            return text[1..];
        }

        if (!(text.StartsWith('[') && text.EndsWith(']')))
        {
            return text;
        }

        var parser = new Parser(text[1..^1]);
        var expression = parser.Parse();
        return Eval(expression);
    }

    private JsonNode? Parameter(string name)
    {
        if (_parameters.TryGetValue(name, out var value))
        {
            return value?.DeepClone();
        }

        var declaration = _template["parameters"]?[name] ?? throw new ArmTemplateException($"The template parameter '{name}' is not found.");
        var evaluated = _parameters[name] = Value(declaration["defaultValue"] ?? throw new ArmTemplateException($"The value for the template parameter '{name}' is not provided."));
        return evaluated?.DeepClone();
    }

    private JsonNode? Variable(string name)
    {
        if (_variables.TryGetValue(name, out var cached))
        {
            return cached?.DeepClone();
        }

        if (!_evaluating.Add(name))
        {
            throw new ArmTemplateException($"The variable '{name}' refers to itself.");
        }

        var variables = _template["variables"]?.AsObject();
        JsonNode? value;
        if (variables?["copy"]?.AsArray().FirstOrDefault(c => (string?)c!["name"] == name) is { } loop)
        {
            // Evaluated outside any resource copy: copyIndex('name') is this loop's index.
            var count = ToInt(Value(loop["count"]), "variable copy count");
            var items = new JsonArray();
            var outer = _copyIndex;
            _copyIndexes.TryGetValue(name, out var shadowed);
            var wasShadowed = _copyIndexes.ContainsKey(name);
            for (var i = 0; i < count; i++)
            {
                _copyIndex = i;
                _copyIndexes[name] = i;
                items.Add(Deep(loop["input"]));
            }

            _copyIndex = outer;
            if (wasShadowed)
            {
                _copyIndexes[name] = shadowed;
            }
            else
            {
                _copyIndexes.Remove(name);
            }

            value = items;
        }
        else if (variables is not null && name != "copy" && variables.TryGetPropertyValue(name, out var declared))
        {
            value = Value(declared);
        }
        else
        {
            throw new ArmTemplateException($"The template variable '{name}' is not found.");
        }

        _evaluating.Remove(name);
        _variables[name] = value;
        return value?.DeepClone();
    }

    private JsonNode? Eval(Node node) => node switch
    {
        Literal literal => literal.Value?.DeepClone(),
        MemberNode member => Property(Eval(member.Target), member.Name),
        IndexNode index => Element(Eval(index.Target), Eval(index.Key)),
        CallNode call => Invoke(call.Name, call.Arguments),
        _ => throw new ArmTemplateException("Unexpected expression."),
    };

    private static JsonNode? Property(JsonNode? target, string name) =>
        target is JsonObject obj && obj.TryGetPropertyValue(name, out var value)
            ? value?.DeepClone()
            : throw new ArmTemplateException($"The language expression property '{name}' doesn't exist.");

    private static JsonNode? Element(JsonNode? target, JsonNode? key) => (target, key) switch
    {
        (JsonArray array, _) when ToInt(key, "index") is var i && i >= 0 && i < array.Count => array[i]?.DeepClone(),
        (JsonObject obj, JsonValue name) when name.TryGetValue<string>(out var property) => Property(obj, property),
        _ => throw new ArmTemplateException($"The index {key?.ToJsonString()} is out of range or not valid here."),
    };

    private JsonNode? Invoke(string name, IReadOnlyList<Node> arguments)
    {
        // Lazy functions first: their arguments are not all evaluated.
        switch (name.ToLowerInvariant())
        {
            case "if":
                Arity(name, arguments, 3);
                return Eval(arguments[ToBool(Eval(arguments[0])) ? 1 : 2]);
            case "lambda":
                throw new ArmTemplateException("lambda() is only valid as an argument of map(), filter() and the like.");
            case "map":
                {
                    Arity(name, arguments, 2);
                    var items = Eval(arguments[0]) as JsonArray ?? throw new ArmTemplateException("map() needs an array.");
                    if (arguments[1] is not CallNode { Name: var l, Arguments: [Literal { Value: JsonValue parameter }, var body] } || !l.Equals("lambda", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new ArmTemplateException("map() needs lambda('name', body) with one parameter.");
                    }

                    var variable = parameter.GetValue<string>();
                    var mapped = new JsonArray();
                    foreach (var item in items)
                    {
                        _lambdaVariables[variable] = item;
                        mapped.Add(Eval(body));
                    }

                    _lambdaVariables.Remove(variable);
                    return mapped;
                }
        }

        var args = arguments.Select(Eval).ToList();
        switch (name.ToLowerInvariant())
        {
            case "parameters":
                return Parameter(Str(args, 0));
            case "variables":
                return Variable(Str(args, 0));
            case "lambdavariables":
                return _lambdaVariables.TryGetValue(Str(args, 0), out var bound) ? bound?.DeepClone() : throw new ArmTemplateException($"lambdaVariables('{Str(args, 0)}') is not bound.");
            case "copyindex":
                {
                    var loop = args.Count > 0 && args[0] is JsonValue v && v.TryGetValue<string>(out var loopName) ? loopName : null;
                    var offset = args.Count > (loop is null ? 0 : 1) ? ToInt(args[^1], "copyIndex offset") : 0;
                    var index = loop is null ? _copyIndex : _copyIndexes.TryGetValue(loop, out var i) ? i : null;
                    return (index ?? throw new ArmTemplateException("copyIndex() is only valid inside a copy.")) + offset;
                }

            case "resourcegroup":
                return new JsonObject { ["id"] = _scope.GroupId, ["name"] = _scope.ResourceGroup, ["location"] = _scope.Location, ["type"] = "Microsoft.Resources/resourceGroups", ["properties"] = new JsonObject { ["provisioningState"] = "Succeeded" } };
            case "subscription":
                return new JsonObject { ["id"] = $"/subscriptions/{_scope.Subscription}", ["subscriptionId"] = _scope.Subscription };
            case "resourceid":
                return ResourceId(_scope.GroupId, args.Select(a => Text(a)).ToList());
            case "subscriptionresourceid":
                return ResourceId($"/subscriptions/{_scope.Subscription}", args.Select(a => Text(a)).ToList());
            case "reference":
                return Reference(Str(args, 0), args.Count > 2 && Text(args[2]).Equals("full", StringComparison.OrdinalIgnoreCase));
            case "uniquestring":
                return UniqueString(args.Select(a => Text(a)));
            case "guid":
                return Guid(string.Join('\u001f', args.Select(a => Text(a))));
            case "format":
                return string.Format(CultureInfo.InvariantCulture, Str(args, 0), [.. args.Skip(1).Select(a => (object)Text(a))]);
            case "tolower":
                return Str(args, 0).ToLowerInvariant();
            case "toupper":
                return Str(args, 0).ToUpperInvariant();
            case "replace":
                return Str(args, 0).Replace(Str(args, 1), Str(args, 2), StringComparison.Ordinal);
            case "string":
                return Text(args[0]);
            case "take":
                {
                    var count = Math.Max(0, ToInt(args[1], "take count"));
                    return args[0] is JsonArray array ? new JsonArray([.. array.Take(count).Select(n => n?.DeepClone())]) : new string(Str(args, 0).Take(count).ToArray());
                }

            case "skip":
                {
                    var count = Math.Max(0, ToInt(args[1], "skip count"));
                    return args[0] is JsonArray array ? new JsonArray([.. array.Skip(count).Select(n => n?.DeepClone())]) : new string(Str(args, 0).Skip(count).ToArray());
                }

            case "concat":
                return args.All(a => a is JsonArray)
                    ? new JsonArray([.. args.SelectMany(a => a!.AsArray()).Select(n => n?.DeepClone())])
                    : string.Concat(args.Select(a => Text(a)));
            case "createarray":
                return new JsonArray([.. args]);
            case "createobject":
                {
                    var obj = new JsonObject();
                    for (var i = 0; i + 1 < args.Count; i += 2)
                    {
                        obj[Text(args[i])] = args[i + 1];
                    }

                    return args.Count % 2 == 0 ? obj : throw new ArmTemplateException("createObject() needs name-value pairs.");
                }

            case "union":
                {
                    var union = new JsonObject();
                    foreach (var obj in args)
                    {
                        foreach (var (key, value) in obj as JsonObject ?? throw new ArmTemplateException("union() of arrays is not supported by the stand-in."))
                        {
                            union[key] = value?.DeepClone();
                        }
                    }

                    return union;
                }

            case "flatten":
                return new JsonArray([.. (args[0] as JsonArray ?? throw new ArmTemplateException("flatten() needs an array.")).SelectMany(a => a!.AsArray()).Select(n => n?.DeepClone())]);
            case "range":
                return new JsonArray([.. Enumerable.Range(ToInt(args[0], "range start"), ToInt(args[1], "range count")).Select(i => (JsonNode)i)]);
            case "length":
                return args[0] switch
                {
                    JsonArray array => array.Count,
                    JsonObject obj => obj.Count,
                    _ => Str(args, 0).Length,
                };
            case "empty":
                return args[0] switch
                {
                    null => true,
                    JsonArray array => array.Count == 0,
                    JsonObject obj => obj.Count == 0,
                    _ => Text(args[0]).Length == 0,
                };
            case "add":
                return ToInt(args[0], "add") + ToInt(args[1], "add");
            case "sub":
                return ToInt(args[0], "sub") - ToInt(args[1], "sub");
            case "mul":
                return ToInt(args[0], "mul") * ToInt(args[1], "mul");
            case "less":
                return ToInt(args[0], "less") < ToInt(args[1], "less");
            case "greater":
                return ToInt(args[0], "greater") > ToInt(args[1], "greater");
            case "equals":
                return JsonNode.DeepEquals(args[0], args[1]);
            case "not":
                return !ToBool(args[0]);
            case "and":
                return args.All(ToBool);
            case "or":
                return args.Any(ToBool);
            case "true":
                return true;
            case "false":
                return false;
            case "null":
                return null;
            default:
                throw new ArmTemplateException($"The template function '{name}' is not known to the stand-in ARM.");
        }
    }

    private JsonObject Reference(string target, bool full)
    {
        var (type, name) = _template["resources"] is JsonObject byName && byName[target] is JsonObject declared
            ? (Text(Value(declared["type"])), Text(Value(declared["name"])))
            : target.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) ? TypeAndName(target)
            : throw new ArmTemplateException($"reference('{target}'): the stand-in resolves symbolic names and resource ids only.");
        var state = RuntimeState(type, name, _scope.ScmHost);
        return full
            ? new JsonObject
            {
                ["properties"] = state,
                ["location"] = _scope.Location,
                ["identity"] = new JsonObject { ["type"] = "SystemAssigned", ["principalId"] = Guid($"principal|{type}|{name}"), ["tenantId"] = Guid("tenant") },
            }
            : state;
    }

    /// <summary>The id of <c>type</c> (a/b/c) named n1/n2… under <paramref name="parent"/>: providers/a/b/n1/c/n2.</summary>
    internal static string ResourceId(string parent, IReadOnlyList<string> typeAndNames)
    {
        var types = typeAndNames[0].Split('/');
        var names = typeAndNames.Skip(1).SelectMany(n => n.Split('/')).ToList();
        if (names.Count != types.Length - 1)
        {
            throw new ArmTemplateException($"resourceId('{typeAndNames[0]}', …) needs {types.Length - 1} name segments, got {names.Count}.");
        }

        var id = new StringBuilder($"{parent}/providers/{types[0]}");
        for (var i = 1; i < types.Length; i++)
        {
            id.Append('/').Append(types[i]).Append('/').Append(names[i - 1]);
        }

        return id.ToString();
    }

    private static (string Type, string Name) TypeAndName(string id)
    {
        var at = id.LastIndexOf("/providers/", StringComparison.OrdinalIgnoreCase);
        var parts = id[(at + "/providers/".Length)..].Split('/');
        var types = new List<string> { parts[0] };
        var names = new List<string>();
        for (var i = 1; i + 1 < parts.Length; i += 2)
        {
            types.Add(parts[i]);
            names.Add(parts[i + 1]);
        }

        return (string.Join('/', types), string.Join('/', names));
    }

    /// <summary>13 lower-case base-32 characters of SHA-256 over the arguments: deterministic, NOT Azure's algorithm.</summary>
    private static string UniqueString(IEnumerable<string> values)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', values)));
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        return new string([.. Enumerable.Range(0, 13).Select(i => Alphabet[hash[i] % 32])]);
    }

    /// <summary>A GUID from SHA-256 of <paramref name="value"/>: deterministic, NOT Azure's guid() algorithm.</summary>
    private static string Guid(string value) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 16)).ToString();

    private static void Arity(string name, IReadOnlyList<Node> arguments, int count)
    {
        if (arguments.Count != count)
        {
            throw new ArmTemplateException($"The template function '{name}' takes {count} arguments.");
        }
    }

    private static string Str(List<JsonNode?> args, int i) =>
        i < args.Count && args[i] is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw new ArmTemplateException($"Argument {i + 1} must be a string.");

    private static string Text(JsonNode? node) => node switch
    {
        null => string.Empty,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "True" : "False",
        _ => node.ToJsonString(),
    };

    private static int ToInt(JsonNode? node, string what) =>
        node is JsonValue value && (value.TryGetValue<int>(out var i) || (value.TryGetValue<long>(out var l) && (i = (int)l) == l) || (value.TryGetValue<string>(out var s) && int.TryParse(s, CultureInfo.InvariantCulture, out i)))
            ? i
            : throw new ArmTemplateException($"The {what} must be an integer, not {node?.ToJsonString() ?? "null"}.");

    private static bool ToBool(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : throw new ArmTemplateException($"Expected a boolean, not {node?.ToJsonString() ?? "null"}.");

    private abstract record Node;

    private sealed record Literal(JsonNode? Value) : Node;

    private sealed record CallNode(string Name, IReadOnlyList<Node> Arguments) : Node;

    private sealed record MemberNode(Node Target, string Name) : Node;

    private sealed record IndexNode(Node Target, Node Key) : Node;

    /// <summary>ARM's expression grammar: calls, 'strings' ('' escapes), integers, .property and [index].</summary>
    private sealed class Parser(string text)
    {
        private int _at;

        public Node Parse()
        {
            var node = Expression();
            Skip();
            return _at == text.Length ? node : throw Error("unexpected text");
        }

        private Node Expression()
        {
            Skip();
            Node node;
            if (Peek('\''))
            {
                var value = new StringBuilder();
                _at++;
                while (true)
                {
                    if (_at >= text.Length)
                    {
                        throw Error("unterminated string");
                    }

                    if (text[_at] == '\'')
                    {
                        if (_at + 1 < text.Length && text[_at + 1] == '\'')
                        {
                            value.Append('\'');
                            _at += 2;
                            continue;
                        }

                        _at++;
                        break;
                    }

                    value.Append(text[_at++]);
                }

                node = new Literal(value.ToString());
            }
            else if (_at < text.Length && (char.IsDigit(text[_at]) || text[_at] == '-'))
            {
                var start = _at++;
                while (_at < text.Length && char.IsDigit(text[_at]))
                {
                    _at++;
                }

                node = new Literal(long.Parse(text[start.._at], CultureInfo.InvariantCulture));
            }
            else
            {
                var name = Identifier();
                Skip();
                Expect('(');
                var arguments = new List<Node>();
                Skip();
                if (!Peek(')'))
                {
                    do
                    {
                        arguments.Add(Expression());
                        Skip();
                    }
                    while (Accept(','));
                }

                Expect(')');
                node = new CallNode(name, arguments);
            }

            while (true)
            {
                Skip();
                if (Accept('.'))
                {
                    node = new MemberNode(node, Identifier());
                }
                else if (Accept('['))
                {
                    node = new IndexNode(node, Expression());
                    Skip();
                    Expect(']');
                }
                else
                {
                    return node;
                }
            }
        }

        private string Identifier()
        {
            var start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] is '_' or '$'))
            {
                _at++;
            }

            return _at > start ? text[start.._at] : throw Error("expected a name");
        }

        private void Skip()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        private bool Peek(char c) => _at < text.Length && text[_at] == c;

        private bool Accept(char c)
        {
            if (!Peek(c))
            {
                return false;
            }

            _at++;
            return true;
        }

        private void Expect(char c)
        {
            if (!Accept(c))
            {
                throw Error($"expected '{c}'");
            }
        }

        private ArmTemplateException Error(string what) => new($"The language expression '{text}' is not valid: {what} at position {_at}.");
    }
}
