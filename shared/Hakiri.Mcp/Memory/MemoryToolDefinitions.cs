using System.Text.Json;
using Hakiri.Mcp.Tools;
using ModelContextProtocol.Protocol;

namespace Hakiri.Mcp.Memory;

/// <summary>The memory tools as <c>tools/list</c> shows them.</summary>
internal static class MemoryToolDefinitions
{
    private const string Intro =
        "Agent memory lives in the context store's 'memory' table, one row per note (id, text, tags, the writing agent, host, on_behalf_of, task_id, created_at, provenance); the user can inspect, export and delete it. ";

    /// <summary>memory.search always (memory is read like any table); memory.write and memory.delete where the server can write memory.</summary>
    public static IEnumerable<Tool> For(bool canWrite) => canWrite ? All : All.Where(t => t.Name == ToolNames.MemorySearch);

    private static IReadOnlyList<Tool> All { get; } =
    [
        new Tool
        {
            Name = ToolNames.MemoryWrite,
            Title = "Remember a note",
            Description = Intro + "This tool stores one note or fact you want to recall later and returns its id. Who wrote it comes from your token, not from the arguments. Keep each note short and self-contained; add tags to find it by.",
            InputSchema = Schema("""
                {"type":"object","properties":{
                  "text":{"type":"string","minLength":1,"description":"The note or fact to remember."},
                  "tags":{"type":"array","items":{"type":"string"},"maxItems":32,"description":"Words to find it by, e.g. [\"billing\", \"customer:c-17\"]."}
                },"required":["text"],"additionalProperties":false}
                """),
            Annotations = new ToolAnnotations { Title = "Remember a note", ReadOnlyHint = false, DestructiveHint = false, IdempotentHint = false, OpenWorldHint = false },
        },
        new Tool
        {
            Name = ToolNames.MemorySearch,
            Title = "Search memory",
            Description = Intro + "This tool finds memory rows through the same planner as context.query on table 'memory': 'search' for words (full text, BM25), 'similar_to' for meaning (when the store embeds memory), 'filter' on columns (e.g. {\"agent\": \"support-bot\"} or {\"tags\": ...}); with neither search nor similar_to the newest rows come first. Rows come with _score when ranked.",
            InputSchema = Schema("""
                {"type":"object","properties":{
                  "search":{"type":"string","description":"Words, \"quoted phrases\" or prefix* to find in text and tags."},
                  "similar_to":{"description":"Text whose meaning to match, or an object naming one memory row, e.g. {\"id\": \"mem_…\"}.","anyOf":[{"type":"string"},{"type":"object"}]},
                  "filter":{"type":"object","description":"Column conditions, as in context.query: {\"agent\": \"support-bot\", \"created_at\": {\">=\": \"2026-01-01\"}}.","additionalProperties":true},
                  "n":{"type":"integer","minimum":1,"maximum":100,"default":10,"description":"Most rows to return."}
                },"additionalProperties":false}
                """),
            Annotations = new ToolAnnotations { Title = "Search memory", ReadOnlyHint = true, DestructiveHint = false, IdempotentHint = true, OpenWorldHint = false },
        },
        new Tool
        {
            Name = ToolNames.MemoryDelete,
            Title = "Forget a note",
            Description = Intro + "This tool deletes one memory row by id, for good: the files holding it are rewritten without it. You may delete only rows your agent wrote, unless your token allows delete:memory:any.",
            InputSchema = Schema("""
                {"type":"object","properties":{
                  "id":{"type":"string","description":"The id memory.write returned (mem_…)."}
                },"required":["id"],"additionalProperties":false}
                """),
            Annotations = new ToolAnnotations { Title = "Forget a note", ReadOnlyHint = false, DestructiveHint = true, IdempotentHint = true, OpenWorldHint = false },
        },
    ];

    private static JsonElement Schema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
