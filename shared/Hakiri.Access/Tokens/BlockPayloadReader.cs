using System.Text.Json;
using System.Text.Unicode;
using Hakiri.Access.Keys;
using Hakiri.Access.Policy;
using Hakiri.Access.Zones;

namespace Hakiri.Access.Tokens;

/// <summary>Reads a block payload strictly: unknown, duplicate, missing or mistyped members refuse the token with one sentence.</summary>
internal static class BlockPayloadReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 6 };

    public static BlockPayload Read(byte[] payload, int index)
    {
        var where = $"The token's block {index}";
        JsonDocument document;
        try
        {
            // JsonDocument defers UTF-8 validation of string values to GetString; check all bytes up front instead.
            if (!Utf8.IsValid(payload))
            {
                throw new JsonException();
            }

            document = JsonDocument.Parse(payload, Options);
        }
        catch (JsonException)
        {
            throw new TokenRejectedException($"{where} is not valid JSON: the token was damaged or forged; issue a new one.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad(where, "is not a JSON object");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in root.EnumerateObject())
            {
                if (!seen.Add(member.Name))
                {
                    throw Bad(where, $"repeats the member '{member.Name}'");
                }

                if (member.Name is not ("v" or "alg" or "kid" or "sub" or "zone" or "tables" or "actions" or "filters" or "redact" or "nbf" or "exp" or "next_key"))
                {
                    throw Bad(where, $"has the unknown member '{member.Name}'");
                }
            }

            if (!root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version) || version != BlockPayload.Version)
            {
                throw new TokenRejectedException($"{where} has an unknown format version: this Hakiri reads version {BlockPayload.Version} tokens; issue a new one.");
            }

            if (Text(root, "alg", where) != BlockPayload.Algorithm)
            {
                throw new TokenRejectedException($"{where} names a signature algorithm other than ed25519: Hakiri accepts only ed25519 tokens.");
            }

            var kid = root.TryGetProperty("kid", out _) ? Text(root, "kid", where) : null;
            if (kid is not null && (kid.Length != 16 || !kid.All(char.IsAsciiHexDigitLower)))
            {
                throw Bad(where, "has a malformed key id");
            }

            var subject = root.TryGetProperty("sub", out var sub) ? Subject(sub, where) : null;
            var zone = root.TryGetProperty("zone", out _) ? Text(root, "zone", where) : null;
            if (zone is not null && InferenceZones.ZoneProblem(zone) is not null)
            {
                throw Bad(where, "has a malformed zone");
            }

            var tables = root.TryGetProperty("tables", out _) ? Strings(root, "tables", where) : null;
            if (tables is not null)
            {
                Check(tables, PolicyText.TableProblem, where, "table");
            }

            var actions = root.TryGetProperty("actions", out _) ? Strings(root, "actions", where) : null;
            if (actions is not null)
            {
                Check(actions, PolicyText.ActionProblem, where, "action");
            }

            var redact = Strings(root, "redact", where);
            Check(redact, PolicyText.RedactProblem, where, "redaction");
            var scope = new ScopeBlock(tables, actions, Filters(root, where), redact, Time(root, "nbf", where), Time(root, "exp", where));
            PublicKey next;
            try
            {
                next = PublicKey.Parse(Text(root, "next_key", where));
            }
            catch (FormatException)
            {
                throw Bad(where, "has a malformed next_key");
            }

            return new BlockPayload(kid, subject, scope, next) { Zone = zone };
        }
    }

    private static TokenRejectedException Bad(string where, string what) =>
        new($"{where} {what}: the token was damaged or forged; issue a new one.");

    private static string Text(JsonElement parent, string name, string where) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Bad(where, $"lacks the text member '{name}'");

    private static List<string> Strings(JsonElement parent, string name, string where)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw Bad(where, $"lacks the list '{name}'");
        }

        return [.. value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Bad(where, $"has a non-text entry in '{name}'"))];
    }

    private static void Check(List<string> values, Func<string, string?> problem, string where, string what)
    {
        foreach (var value in values)
        {
            if (problem(value) is { } p)
            {
                throw Bad(where, $"has a malformed {what} ('{value}' {p})");
            }
        }
    }

    private static DateTimeOffset Time(JsonElement parent, string name, string where) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            && seconds is >= 0 and <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw Bad(where, $"lacks a valid time '{name}'");

    private static Subject Subject(JsonElement sub, string where)
    {
        if (sub.ValueKind != JsonValueKind.Object || sub.EnumerateObject().Any(m => m.Name is not ("agent" or "host" or "on_behalf_of" or "task_id")))
        {
            throw Bad(where, "has a malformed subject");
        }

        string? Optional(string name) => sub.TryGetProperty(name, out _) ? Text(sub, name, where) : null;
        return new Subject(Text(sub, "agent", where), Optional("host"), Optional("on_behalf_of"), Optional("task_id"));
    }

    private static List<TableFilter> Filters(JsonElement root, string where)
    {
        if (!root.TryGetProperty("filters", out var filters) || filters.ValueKind != JsonValueKind.Array)
        {
            throw Bad(where, "lacks the list 'filters'");
        }

        var list = new List<TableFilter>();
        foreach (var filter in filters.EnumerateArray())
        {
            if (filter.ValueKind != JsonValueKind.Object || filter.EnumerateObject().Count() != 2)
            {
                throw Bad(where, "has a malformed row filter");
            }

            try
            {
                list.Add(PolicyText.Filter(Text(filter, "table", where), Text(filter, "where", where), where));
            }
            catch (FormatException e)
            {
                throw new TokenRejectedException($"{where} has a malformed row filter ({e.InnerException?.Message ?? e.Message}): the token was damaged or forged; issue a new one.");
            }
        }

        return list;
    }
}
