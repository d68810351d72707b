using Hakiri.Testing;

namespace Hakiri.Wasm.Tests.Guests.C;

/// <summary>The C SDK's JSON reader, compiled for the host (tests/guests/c/json-sample prints what it parsed).</summary>
[Collection(CGuestsCollection.Name)]
public sealed class JsonReaderTests(CGuestsFixture guests)
{
    public static TheoryData<string, string> Documents => new()
    {
        { """{"a":[1,-2,3.5,1e3,true,false,null,"x"],"b":{}}""", "{a=[i:1,i:-2,d:3.5,d:1000,true,false,null,s:x],b={}}" },
        { "\"\\u00e9\\ud83d\\ude00\\n\\t\\\"\\\\\\/\"", "s:é😀\n\t\"\\/" },
        { "\"Zoë Ångström\"", "s:Zoë Ångström" },
        { "[9223372036854775807,-9223372036854775808,9223372036854775808,-0]", "[i:9223372036854775807,i:-9223372036854775808,d:9.2233720368547758e+18,i:0]" },
        { "\"\\ud800x\"", "s:\uFFFDx" },
        { """{"k":1,"k":2}""", "{k=i:1,k=i:2}" },
        { " [ ] ", "[]" },
        { """{"a":1,}""", "error: an object member has no quoted name at 7" },
        { "[1 2]", "error: an array is missing a comma or a closing bracket at 3" },
        { "01", "error: a number has a leading zero at 2" },
        { "\"abc", "error: a string is not closed at 4" },
        { "1 2", "error: there is more after the document at 2" },
        { "\"\\x\"", "error: a string holds an unknown escape at 3" },
        { new string('[', 64) + new string(']', 64), new string('[', 64) + new string(']', 64) },
        { new string('[', 65) + new string(']', 65), "error: the document nests deeper than 64 levels at 64" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task HakiriJsonParse_Document_ParsesAsExpected(string document, string expected)
    {
        var program = await ProgramAsync();
        var run = await ExternalProcess.RunAsync(program, [], stdin: document + "\n");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(expected, run.Stdout.TrimEnd('\n'));
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);

    private async Task<string> ProgramAsync()
    {
        var program = guests.Scratch("json_sample");
        await Gate.WaitAsync();
        try
        {
            if (!File.Exists(program))
            {
                var compile = await ExternalProcess.RunAsync("clang",
                [
                    "-std=c11", "-O2", "-Wall", "-Wextra", "-Werror", "-I", CGuestsFixture.Sdk, "-o", program,
                    RepoPaths.Of("tests", "guests", "c", "json-sample", "json_sample.c"), Path.Combine(CGuestsFixture.Sdk, "hakiri_json.c"),
                ]);
                Assert.True(compile.ExitCode == 0, compile.ToString());
            }
        }
        finally
        {
            Gate.Release();
        }

        return program;
    }
}
