namespace Hakiri.Embeddings.Onnx;

/// <summary>
/// BERT's uncased tokenizer over a <c>vocab.txt</c> (one piece a line, the line number is the id): basic tokenization,
/// then greedy longest-match WordPiece with <c>##</c> continuations, <c>[UNK]</c> for words it cannot cut, and
/// <c>[CLS]</c> … <c>[SEP]</c> around at most <see cref="MaxTokens"/> ids.
/// </summary>
internal sealed class WordPieceTokenizer
{
    /// <summary>The most ids per text, [CLS] and [SEP] included (MiniLM's sentence-transformers limit).</summary>
    public const int MaxTokens = 256;

    private const int MaxWordLength = 100;

    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _unknown;
    private readonly int _classify;
    private readonly int _separator;

    private WordPieceTokenizer(Dictionary<string, int> vocabulary)
    {
        _vocabulary = vocabulary;
        _lookup = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        _unknown = Special("[UNK]");
        _classify = Special("[CLS]");
        _separator = Special("[SEP]");
    }

    /// <summary>Reads a <c>vocab.txt</c>.</summary>
    public static WordPieceTokenizer Load(string path)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var id = 0;
        foreach (var line in File.ReadLines(path))
        {
            vocabulary.TryAdd(line.TrimEnd('\r'), id);
            id++;
        }

        return new WordPieceTokenizer(vocabulary);
    }

    /// <summary>The ids of <paramref name="text"/>: [CLS], its pieces (cut at <see cref="MaxTokens"/> − 2), [SEP].</summary>
    public int[] Encode(string text)
    {
        var ids = new List<int>(32) { _classify };
        foreach (var word in BasicTokenizer.Split(text))
        {
            AddPieces(word, ids);
            if (ids.Count >= MaxTokens - 1)
            {
                break;
            }
        }

        if (ids.Count > MaxTokens - 1)
        {
            ids.RemoveRange(MaxTokens - 1, ids.Count - (MaxTokens - 1));
        }

        ids.Add(_separator);
        return [.. ids];
    }

    private void AddPieces(string word, List<int> ids)
    {
        if (word.EnumerateRunes().Count() > MaxWordLength)
        {
            ids.Add(_unknown);
            return;
        }

        var first = ids.Count;
        Span<char> buffer = stackalloc char[word.Length + 2];
        var start = 0;
        while (start < word.Length)
        {
            var end = word.Length;
            var found = -1;
            while (end > start)
            {
                // Never cut between the halves of a surrogate pair.
                if (end < word.Length && char.IsLowSurrogate(word[end]))
                {
                    end--;
                    continue;
                }

                var piece = Piece(buffer, word, start, end);
                if (_lookup.TryGetValue(piece, out var id))
                {
                    found = id;
                    break;
                }

                end--;
            }

            if (found < 0)
            {
                ids.RemoveRange(first, ids.Count - first);
                ids.Add(_unknown);
                return;
            }

            ids.Add(found);
            start = end;
        }
    }

    private static ReadOnlySpan<char> Piece(Span<char> buffer, string word, int start, int end)
    {
        if (start == 0)
        {
            return word.AsSpan(0, end);
        }

        buffer[0] = '#';
        buffer[1] = '#';
        word.AsSpan(start, end - start).CopyTo(buffer[2..]);
        return buffer[..(end - start + 2)];
    }

    private int Special(string token) =>
        _vocabulary.TryGetValue(token, out var id)
            ? id
            : throw new EmbeddingException($"The vocabulary has no {token} token; reinstall the model files.");
}
