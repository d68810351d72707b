using System.Diagnostics;
using System.Text.Json;
using Hakiri.TomlDecoder;

namespace Hakiri.Toml.Tests.Corpus;

/// <summary>Python's tomllib as a second oracle: generated documents must decode to the same values in both parsers.</summary>
public sealed class TomllibCrossCheckTests
{
    private const int DocumentCount = 200;

    // Turns tomllib's Python values into toml-test tagged JSON; one process handles every document.
    private const string Script = """
        import datetime, json, math, sys, tomllib
        def tag(v):
            if isinstance(v, bool): return {"type": "bool", "value": "true" if v else "false"}
            if isinstance(v, int): return {"type": "integer", "value": str(v)}
            if isinstance(v, float):
                text = "nan" if math.isnan(v) else "inf" if v == math.inf else "-inf" if v == -math.inf else repr(v)
                return {"type": "float", "value": text}
            if isinstance(v, str): return {"type": "string", "value": v}
            if isinstance(v, datetime.datetime):
                return {"type": "datetime" if v.tzinfo else "datetime-local", "value": v.isoformat()}
            if isinstance(v, datetime.date): return {"type": "date-local", "value": v.isoformat()}
            if isinstance(v, datetime.time): return {"type": "time-local", "value": v.isoformat()}
            if isinstance(v, list): return [tag(x) for x in v]
            return {k: tag(x) for k, x in v.items()}
        results = []
        for doc in json.load(sys.stdin):
            try:
                results.append({"ok": True, "value": tag(tomllib.loads(doc))})
            except Exception as e:
                results.append({"ok": False, "value": str(e)})
        json.dump(results, sys.stdout)
        """;

    [Fact]
    public void Parse_GeneratedDocuments_AgreesWithPythonTomllib()
    {
        var documents = Enumerable.Range(1, DocumentCount).Select(RandomTomlDocuments.Generate).ToList();

        using var results = JsonDocument.Parse(RunPython(ToJsonArray(documents)));

        var i = 0;
        foreach (var result in results.RootElement.EnumerateArray())
        {
            var document = documents[i++];
            var python = result.GetProperty("value");
            Assert.True(result.GetProperty("ok").GetBoolean(), $"tomllib rejected generated document {i} ({python}):\n{document}");
            TaggedJsonAssert.Equivalent(python.GetRawText(), TaggedJson.Encode(TomlParser.Parse(document)));
        }

        Assert.Equal(DocumentCount, i);
    }

    private static string ToJsonArray(List<string> documents)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            documents.ForEach(writer.WriteStringValue);
            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string RunPython(string input)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("python3 (3.11 or later, for tomllib) must be on PATH for the cross-check.", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(input);
            process.StandardInput.Close();
            Assert.True(process.WaitForExit(60_000), "python3 did not finish within 60 seconds.");
            Assert.True(process.ExitCode == 0, $"python3 failed: {stderr.Result}");
            return stdout.Result;
        }
    }
}
