using System.Text.Json;
using Hakiri.Access.Keys;
using Hakiri.Access.Policy;

namespace Hakiri.Access.Tokens;

/// <summary>What a block's payload says. <see cref="KeyId"/>, <see cref="Subject"/> and <see cref="Zone"/> only in the first block.</summary>
internal sealed record BlockPayload(string? KeyId, Subject? Subject, ScopeBlock Scope, PublicKey NextKey)
{
    /// <summary>The holder's inference zone (issuer's block only); absent from the JSON when null, so older tokens read the same.</summary>
    public string? Zone { get; init; }

    public const int Version = 1;
    public const string Algorithm = "ed25519";

    /// <summary>Canonical UTF-8 JSON: fixed member order, no whitespace, absent optional members omitted.</summary>
    public byte[] Write()
    {
        using var bytes = new MemoryStream();
        using (var json = new Utf8JsonWriter(bytes))
        {
            json.WriteStartObject();
            json.WriteNumber("v", Version);
            json.WriteString("alg", Algorithm);
            if (KeyId is not null)
            {
                json.WriteString("kid", KeyId);
            }

            if (Subject is not null)
            {
                json.WriteStartObject("sub");
                json.WriteString("agent", Subject.Agent);
                WriteOptional(json, "host", Subject.Host);
                WriteOptional(json, "on_behalf_of", Subject.OnBehalfOf);
                WriteOptional(json, "task_id", Subject.TaskId);
                json.WriteEndObject();
            }

            WriteOptional(json, "zone", Zone);
            WriteList(json, "tables", Scope.Tables);
            WriteList(json, "actions", Scope.Actions);
            json.WriteStartArray("filters");
            foreach (var filter in Scope.Filters)
            {
                json.WriteStartObject();
                json.WriteString("table", filter.Table);
                json.WriteString("where", filter.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteList(json, "redact", Scope.Redact);
            json.WriteNumber("nbf", Scope.NotBefore.ToUnixTimeSeconds());
            json.WriteNumber("exp", Scope.ExpiresAt.ToUnixTimeSeconds());
            json.WriteString("next_key", NextKey.ToString());
            json.WriteEndObject();
        }

        return bytes.ToArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
