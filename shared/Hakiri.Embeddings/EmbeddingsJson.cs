using System.Buffers;
using System.Text.Json;

namespace Hakiri.Embeddings;

/// <summary>The JSON of <c>/v1/embeddings</c>, written and read without reflection (AOT-safe).</summary>
internal static class EmbeddingsJson
{
    /// <summary>Writes <c>{"model": name, "input": [texts]}</c>.</summary>
    public static byte[] WriteRequest(string model, IReadOnlyList<string> texts, int start, int count)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteStartArray("input");
            for (var i = start; i < start + count; i++)
            {
                writer.WriteStringValue(texts[i]);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads <c>data[i].embedding</c> ordered by <c>index</c>; null entries mean the answer was incomplete.</summary>
    /// <exception cref="EmbeddingException">The answer is not an embeddings answer for <paramref name="expected"/> texts.</exception>
    public static float[][] ReadResponse(ReadOnlySpan<byte> body, int expected, string url)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                throw Wrong(url, "has no \"data\" array");
            }

            var count = data.GetArrayLength();
            if (count != expected)
            {
                throw Wrong(url, $"returned {count} embeddings for {expected} texts");
            }

            var vectors = new float[expected][];
            var position = 0;
            foreach (var item in data.EnumerateArray())
            {
                var index = item.TryGetProperty("index", out var indexElement) && indexElement.ValueKind == JsonValueKind.Number
                    ? indexElement.GetInt32()
                    : position;
                if (index < 0 || index >= expected || vectors[index] is not null)
                {
                    throw Wrong(url, $"returned the index {index} out of place for {expected} texts");
                }

                if (!item.TryGetProperty("embedding", out var embedding) || embedding.ValueKind != JsonValueKind.Array
                    || embedding.GetArrayLength() == 0)
                {
                    throw Wrong(url, $"returned no numeric \"embedding\" array at index {index}");
                }

                var vector = new float[embedding.GetArrayLength()];
                var d = 0;
                foreach (var value in embedding.EnumerateArray())
                {
                    vector[d++] = value.GetSingle();
                }

                vectors[index] = vector;
                position++;
            }

            return vectors;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new EmbeddingException(
                $"The embeddings endpoint {url} answered something that is not an embeddings answer ({e.Message}); "
                + "check that the URL ends in the API base (such as /v1).",
                e);
        }
    }

    /// <summary>The error message of an error answer: OpenAI's <c>error.message</c>, or <c>error</c>/<c>detail</c>/<c>message</c>, or the text.</summary>
    public static string ReadError(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("error", out var error))
                {
                    if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message)
                        && message.ValueKind == JsonValueKind.String)
                    {
                        return Clip(message.GetString()!);
                    }

                    if (error.ValueKind == JsonValueKind.String)
                    {
                        return Clip(error.GetString()!);
                    }
                }

                foreach (var name in (string[])["detail", "message"])
                {
                    if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return Clip(value.GetString()!);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the body's text is the message.
        }

        return Clip(System.Text.Encoding.UTF8.GetString(body));
    }

    private static string Clip(string text)
    {
        var single = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return single.Length <= 300 ? single : single[..300] + "…";
    }

    private static EmbeddingException Wrong(string url, string what) =>
        new($"The embeddings endpoint {url} {what}; check that the URL and model name point at an embeddings model.");
}
