using System.Text.Json;

namespace Hakiri.Connectors.Cassettes;

/// <summary>Reads, checks and atomically writes cassette files.</summary>
internal static class CassetteFile
{
    private const string Advice = "fix the file or re-record it with `hakiri run --record PIPELINE`";

    public static Cassette Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CassetteFileException(path, $"No cassette at {path}; record one with `hakiri run --record PIPELINE` or pass --cassette FILE.", inner: e);
        }

        Cassette? cassette;
        try
        {
            cassette = JsonSerializer.Deserialize(json, CassetteJsonContext.File.Cassette);
        }
        catch (JsonException e)
        {
            long? line = e.LineNumber + 1;
            long? column = e.BytePositionInLine + 1;
            var where = line is null ? path : $"{path}:{line}:{column}";
            var at = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at {e.Path}";
            throw new CassetteFileException(path, $"{where}: the cassette is not valid{at} ({Reason(e)}); {Advice}.", line, column, e);
        }

        if (cassette is null)
        {
            throw new CassetteFileException(path, $"{path}: the cassette is `null` instead of an object; {Advice}.");
        }

        Check(cassette, path);
        return cassette;
    }

    public static void Save(Cassette cassette, string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                JsonSerializer.Serialize(stream, cassette, CassetteJsonContext.File.Cassette);
                stream.WriteByte((byte)'\n');
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static void Check(Cassette cassette, string path)
    {
        if (cassette.Version != Cassette.CurrentVersion)
        {
            throw new CassetteFileException(path, $"{path}: the cassette has version {cassette.Version} but this Hakiri reads version {Cassette.CurrentVersion}; re-record it with `hakiri run --record PIPELINE`.");
        }

        for (var i = 0; i < cassette.Interactions.Count; i++)
        {
            var (request, response) = (cassette.Interactions[i].Request, cassette.Interactions[i].Response);
            var problem =
                !Uri.TryCreate(request.Url, UriKind.Absolute, out _) ? $"request.url \"{request.Url}\" is not an absolute URL"
                : string.IsNullOrWhiteSpace(request.Method) ? "request.method is empty"
                : response.Status is < 100 or > 999 ? $"response.status {response.Status} is not an HTTP status"
                : CassetteBody.Problem(request.Body, request.BodyBase64) is { } requestBody ? $"request.{requestBody}"
                : CassetteBody.Problem(response.Body, response.BodyBase64) is { } responseBody ? $"response.{responseBody}"
                : null;
            if (problem is not null)
            {
                throw new CassetteFileException(path, $"{path}: in $.interactions[{i}], {problem}; {Advice}.");
            }
        }
    }

    // System.Text.Json appends "Path: … | LineNumber: … | BytePositionInLine: …", which the message already says better.
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
