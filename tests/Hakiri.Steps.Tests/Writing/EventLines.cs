namespace Hakiri.Steps.Tests.Writing;

// The write tests' table: NDJSON events of an id and a version, with or without the id as primary key.
internal static class EventLines
{
    public const string Keyed = """
        [project]
        name = "p"
        [pipelines.events]
        primary_key = ["id"]
        [pipelines.events.source]
        connector = "file"
        path = "in/*.ndjson"
        """;

    public const string Unkeyed = """
        [project]
        name = "p"
        [pipelines.events.source]
        connector = "file"
        path = "in/*.ndjson"
        """;

    // One line per id from first to last, all of one version.
    public static string Lines(long first, long last, int version) =>
        string.Concat(Enumerable.Range(0, (int)(last - first + 1)).Select(i => Line(first + i, version)));

    public static string Line(long id, int version) => $"{{\"id\": {id}, \"v\": {version}}}\n";
}
