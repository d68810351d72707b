using System.IO.Compression;
using Hakiri.Emit.Aws;

namespace Hakiri.Infra.Aws.Tests;

/// <summary>
/// A stand-in for what <c>scripts/package-aws.sh</c> writes, for tests that synthesize or deploy but run no function:
/// a function zip whose bootstrap is a shell script, and the DuckDB and Wasmtime layer zips beside it.
/// </summary>
internal static class StandInLambdaPackage
{
    /// <summary>Writes the function zip at <paramref name="zip"/> (with <paramref name="extraEntries"/> as name → text) and the layers beside it; returns <paramref name="zip"/>.</summary>
    public static string Write(string zip, params (string Name, string Text)[] extraEntries)
    {
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            Entry(archive, "bootstrap", "#!/bin/sh\n");
            foreach (var (name, text) in extraEntries)
            {
                Entry(archive, name, text);
            }
        }

        using (var layer = ZipFile.Open(DuckDbLayer.Beside(zip), ZipArchiveMode.Create))
        {
            Entry(layer, "lib/libduckdb.so", "not a library\n");
        }

        using (var layer = ZipFile.Open(WasmtimeLayer.Beside(zip), ZipArchiveMode.Create))
        {
            Entry(layer, "lib/libwasmtime.so", "not a library either\n");
        }

        return zip;
    }

    private static void Entry(ZipArchive archive, string name, string text)
    {
        using var writer = new StreamWriter(archive.CreateEntry(name).Open());
        writer.Write(text);
    }
}
