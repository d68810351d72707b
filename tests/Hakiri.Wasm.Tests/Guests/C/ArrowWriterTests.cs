using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Hakiri.Testing;

namespace Hakiri.Wasm.Tests.Guests.C;

/// <summary>
/// The C SDK's Arrow writer, compiled for the host: tests/guests/c/arrow-sample writes a stream with nulls and
/// non-ASCII text, and Apache Arrow's reader must see every value.
/// </summary>
[Collection(CGuestsCollection.Name)]
public sealed class ArrowWriterTests(CGuestsFixture guests)
{
    [Fact]
    public async Task HakiriArrowFinish_SampleWithNullsAndNonAscii_ApacheArrowReadsEveryValue()
    {
        var program = guests.Scratch("arrow_sample");
        var stream = guests.Scratch("sample.arrows");
        var compile = await ExternalProcess.RunAsync("clang",
        [
            "-std=c11", "-O2", "-Wall", "-Wextra", "-Werror", "-I", CGuestsFixture.Sdk, "-o", program,
            RepoPaths.Of("tests", "guests", "c", "arrow-sample", "arrow_sample.c"), Path.Combine(CGuestsFixture.Sdk, "hakiri_arrow.c"),
        ]);
        Assert.True(compile.ExitCode == 0, compile.ToString());
        var run = await ExternalProcess.RunAsync(program, [stream]);
        Assert.True(run.ExitCode == 0, run.ToString());

        await using var file = File.OpenRead(stream);
        using var reader = new ArrowStreamReader(file);
        using var batch = await reader.ReadNextRecordBatchAsync();
        Assert.NotNull(batch);

        var fields = reader.Schema.FieldsList;
        Assert.Equal(["id", "name", "score", "active", "note"], fields.Select(f => f.Name));
        Assert.Equal([ArrowTypeId.Int64, ArrowTypeId.String, ArrowTypeId.Double, ArrowTypeId.Boolean, ArrowTypeId.String], fields.Select(f => f.DataType.TypeId));
        Assert.Equal([false, true, true, true, true], fields.Select(f => f.IsNullable));
        Assert.Equal(13, batch.Length);

        var id = (Int64Array)batch.Column(0);
        var name = (StringArray)batch.Column(1);
        var score = (DoubleArray)batch.Column(2);
        var active = (BooleanArray)batch.Column(3);
        var note = (StringArray)batch.Column(4);
        Assert.Equal(Enumerable.Range(1, 13).Select(i => (long?)i), Enumerable.Range(0, 13).Select(i => id.GetValue(i)));
        Assert.Equal([0, 1, 1, 1, 11], new IArrowArray[] { id, name, score, active, note }.Select(a => a.NullCount));

        Assert.Equal("Zoë Ångström", name.GetString(0));
        Assert.True(name.IsNull(1));
        Assert.Equal("", name.GetString(2));
        Assert.False(name.IsNull(2));
        Assert.Equal(4.5, score.GetValue(0));
        Assert.Null(score.GetValue(1));
        Assert.Equal(-0.25, score.GetValue(2));
        Assert.Equal(true, active.GetValue(0));
        Assert.Equal(false, active.GetValue(1));
        Assert.Null(active.GetValue(2));
        Assert.True(note.IsNull(0));
        Assert.Equal("{\"k\":\"日本\"}", note.GetString(1));
        Assert.Equal("line\nbreak", note.GetString(2));
        for (var i = 3; i < 13; i++)
        {
            var rowId = i + 1;
            Assert.Equal($"n{rowId}", name.GetString(i));
            Assert.Equal(rowId * 1.5, score.GetValue(i));
            Assert.Equal(rowId % 2 == 0, active.GetValue(i));
            Assert.True(note.IsNull(i));
        }

        Assert.Null(await reader.ReadNextRecordBatchAsync());
    }
}
