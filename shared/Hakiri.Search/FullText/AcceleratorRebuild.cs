using System.Globalization;
using Hakiri.DuckDb;
using Hakiri.Model.Manifests;

namespace Hakiri.Search.FullText;

/// <summary>Rebuilds a segment's accelerator from its canonical Parquet files (when the accelerator is missing or stale).</summary>
internal static class AcceleratorRebuild
{
    public static void Run(string directory)
    {
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        var segment = new SegmentBuilder(ReadAnalyzer(connection, directory));
        using (var documents = connection.Query($"SELECT row, length FROM read_parquet({File(directory, FtsFiles.Documents)}, file_row_number = true) ORDER BY file_row_number"))
        {
            while (documents.Read())
            {
                segment.AddDocument(documents.GetInt64(0), (int)documents.GetInt64(1));
            }
        }

        var positions = new List<int>();
        using (var postings = connection.Query(
            $"SELECT p.term, d.file_row_number, array_to_string(p.positions, ' ') FROM read_parquet({File(directory, FtsFiles.Postings)}) p " +
            $"JOIN read_parquet({File(directory, FtsFiles.Documents)}, file_row_number = true) d USING (row) ORDER BY p.term, d.file_row_number"))
        {
            while (postings.Read())
            {
                positions.Clear();
                foreach (var part in postings.GetString(2).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    positions.Add(int.Parse(part, CultureInfo.InvariantCulture));
                }

                segment.AddPosting(postings.GetString(0), (int)postings.GetInt64(1), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(positions));
            }
        }

        Accelerator.Write(Path.Combine(directory, FtsFiles.Accelerator), segment, segment.SortedTerms());
    }

    private static TextAnalyzer ReadAnalyzer(DuckDbConnection connection, string directory)
    {
        using var reader = connection.Query($"SELECT analyzer FROM read_parquet({File(directory, FtsFiles.Segment)})");
        if (!reader.Read())
        {
            throw new InvalidDataException($"The full-text sidecar in '{directory}' has an empty {FtsFiles.Segment}; rebuild the index.");
        }

        return reader.GetString(0) == "simple" ? TextAnalyzer.Simple : TextAnalyzer.English;
    }

    private static string File(string directory, string name) => ParquetOutput.Literal(Path.Combine(directory, name));
}
