using Microsoft.Win32.SafeHandles;

namespace Hakiri.Search.FullText;

/// <summary>An opened full-text sidecar (OWNED BY THE FULL-TEXT HELPER: public members are the contract). Thread-safe for searches.</summary>
public sealed class FtsSegment : IDisposable
{
    private readonly SegmentDictionary _dictionary;
    private readonly SafeFileHandle _postings;

    private FtsSegment(SegmentDictionary dictionary, SafeFileHandle postings)
    {
        _dictionary = dictionary;
        _postings = postings;
    }

    /// <summary>Rows in the segment.</summary>
    public long DocumentCount => _dictionary.Rows.Length;

    /// <summary>Sum of the rows' lengths in terms.</summary>
    public long TotalLength => _dictionary.TotalLength;

    /// <summary>The analyzer the segment was built with.</summary>
    public Hakiri.Model.Manifests.TextAnalyzer Analyzer => _dictionary.Analyzer;

    /// <summary>Distinct terms in the segment.</summary>
    public int TermCount => _dictionary.Terms.Length;

    internal long[] Rows => _dictionary.Rows;

    internal int[] Lengths => _dictionary.Lengths;

    /// <summary>
    /// Opens the sidecar written by <see cref="FtsSegmentWriter.Write"/> into <paramref name="directory"/>. The term
    /// dictionary and document lengths are loaded; postings are read per term on search. When the binary accelerator
    /// (<see cref="FtsFiles.Accelerator"/>) is missing or of another format version it is first rebuilt from the Parquet files.
    /// </summary>
    /// <exception cref="FileNotFoundException">The directory holds no full-text sidecar.</exception>
    public static FtsSegment Open(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var path = Path.Combine(directory, FtsFiles.Accelerator);
        if (!File.Exists(Path.Combine(directory, FtsFiles.Segment)))
        {
            throw new FileNotFoundException(
                $"No full-text sidecar in '{directory}' ({FtsFiles.Segment} is missing); rebuild the table's full-text index.", path);
        }

        var dictionary = File.Exists(path) ? Accelerator.Read(path) : null;
        if (dictionary is null)
        {
            AcceleratorRebuild.Run(directory);
            dictionary = Accelerator.Read(path) ?? throw new InvalidDataException($"The rebuilt full-text accelerator '{path}' cannot be read.");
        }

        return new FtsSegment(dictionary, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.RandomAccess));
    }

    /// <inheritdoc />
    public void Dispose() => _postings.Dispose();

    /// <summary>The index of <paramref name="term"/> in the dictionary, or -1.</summary>
    internal int Find(string term)
    {
        var index = Array.BinarySearch(_dictionary.Terms, term, StringComparer.Ordinal);
        return index >= 0 ? index : -1;
    }

    /// <summary>The dictionary's terms starting with <paramref name="prefix"/>, in order.</summary>
    internal IEnumerable<string> WithPrefix(string prefix)
    {
        var terms = _dictionary.Terms;
        var index = Array.BinarySearch(terms, prefix, StringComparer.Ordinal);
        for (var i = index >= 0 ? index : ~index; i < terms.Length && terms[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            yield return terms[i];
        }
    }

    internal int DocumentFrequency(int term) => _dictionary.Entries[term].DocumentFrequency;

    /// <summary>Reads a term's postings: the (document delta, tf) var-ints, then when asked the position deltas.</summary>
    internal PostingsBuffer Read(int term, bool positions)
    {
        var entry = _dictionary.Entries[term];
        var length = entry.DocumentsLength + (positions ? entry.PositionsLength : 0);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        for (var done = 0; done < length;)
        {
            var read = RandomAccess.Read(_postings, buffer.AsSpan(done, length - done), _dictionary.PostingsStart + entry.Offset + done);
            done += read > 0 ? read : throw new EndOfStreamException($"The full-text accelerator ends inside a term's postings; delete {FtsFiles.Accelerator} to rebuild it.");
        }

        return new PostingsBuffer(buffer, entry.DocumentsLength, length, entry.DocumentFrequency);
    }
}
