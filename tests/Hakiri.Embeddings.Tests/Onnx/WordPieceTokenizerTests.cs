using Hakiri.Embeddings.Onnx;
using BertOptions = Microsoft.ML.Tokenizers.BertOptions;
using BertTokenizer = Microsoft.ML.Tokenizers.BertTokenizer;

namespace Hakiri.Embeddings.Tests.Onnx;

public sealed class WordPieceTokenizerTests
{
    private static readonly string VocabPath = Path.Combine(MiniLmFixture.ModelDirectory, "vocab.txt");
    private static readonly WordPieceTokenizer Ours = WordPieceTokenizer.Load(VocabPath);
    private static readonly BertTokenizer ReferenceTokenizer = BertTokenizer.Create(VocabPath, new BertOptions
    {
        LowerCaseBeforeTokenization = true,
        ApplyBasicTokenization = true,
        SplitOnSpecialTokens = false,
        IndividuallyTokenizeCjk = true,
        RemoveNonSpacingMarks = true,
    });

    private static readonly string[] Vocabulary = File.ReadAllLines(VocabPath);

    // Microsoft.ML.Tokenizers 2.0.1 agrees with Hugging Face's BERT tokenizer on letters, digits, punctuation (P*),
    // spaces and CJK; it departs on symbols, tabs, marks and accents (see the hand-checked cases below), so those are
    // not compared with it.
    public static TheoryData<string> Sentences() =>
    [
        "A cat sits on the mat.",
        "Hello, world!",
        "The quick brown fox jumps over the lazy dog.",
        "Hello again? Yes: again; (twice) [thrice] {never}",
        "東京タワーは高い。",
        "我爱北京天安门",
        "中文和English混合mixed",
        "Привет, как дела?",
        "ПРИВЕТ МИР",
        "مرحبا بالعالم",
        "שלום עולם",
        "unbelievably antidisestablishmentarianism",
        "supercalifragilisticexpialidocious",
        "pneumonoultramicroscopicsilicovolcanoconiosis is long",
        new string('a', 99) + " just short enough",
        new string('a', 120) + " after a very long word",
        "email me at jane.doe@example.com",
        "https://example.com/path?query&x#frag",
        "C# and F# are languages",
        "50% off — today only!!!",
        "kebab-case and dotted.names and slashed/paths",
        "ALL CAPS SHOUTING",
        "MiXeD CaSe WoRdS",
        "order #12345 shipped on 2024-03-15T10:00:00Z",
        "\"quoted\" and 'single'",
        "numbers 3.14159 2,718 1e10",
        "",
        "   ",
        "...",
        "don't won't can't it's",
        "U.S.A. vs. U.K.",
        "The customer's refund was processed within 5 business days.",
        "Inventory: 42 widgets @ 3.50 each",
        "ceci n’est pas une pipe « guillemets »",
        "¿Donde esta la biblioteca? ¡Alli!",
        "wait… what‽ ‘curly’ “quotes”",
        "1st 2nd 3rd 4th",
        "hyphen‐minus – en — em",
        "a.b.c.d.e.f.g",
        "PostgreSQL JSONB columns and ISO-8601 timestamps",
        "the the the the the the the the the the",
        "Zebra Xylophone Quokka",
        "ｆｕｌｌｗｉｄｔｈ",
    ];

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Encode_Sentence_GivesTheIdsOfTheReferenceBertTokenizer(string sentence)
    {
        Assert.Equal(Reference(sentence), Ours.Encode(sentence));
    }

    [Theory]
    [InlineData("Café crème brûlée à la carte", "cafe creme brulee a la carte")]
    [InlineData("naïve coöperation résumé façade", "naive cooperation resume facade")]
    [InlineData("Zoë Ångström and Łukasz Żółć", "zoe angstrom and łukasz zołc")]
    [InlineData("Ελληνικά γράμματα", "ελληνικα γραμματα")]
    [InlineData("Tiếng Việt có dấu", "tieng viet co dau")]
    [InlineData("İstanbul", "istanbul")]
    [InlineData("ガス", "カス")]
    public void Encode_Accents_AreStrippedAsTheReferenceDoesOnPlainText(string accented, string plain)
    {
        Assert.Equal(Reference(plain), Ours.Encode(accented));
    }

    [Theory]
    [InlineData("$100 + 5 = ¥ or €", "$ 100 + 5 = ¥ or €")]
    [InlineData("snake_case a|b c~d e^f `x` <y>", "snake _ case a | b c ~ d e ^ f ` x ` < y >")]
    [InlineData("x² y³ z⁴", "x ##² y ##³ z ##⁴")]
    [InlineData("rocket 🚀 party", "rocket [UNK] party")]
    [InlineData("tabs\tand\nnew\r\nlines", "tab ##s and new lines")]
    [InlineData("here\u200B zero\u0007 \uE000one\u0000", "here zero one")]
    [InlineData("one\u2028two\u00A0three\u3000four", "one two three four")]
    [InlineData("한", "ᄒ ##ᅡ ##ᆫ")]
    [InlineData("नमस्ते", "न ##म ##स ##त")]
    public void Encode_SymbolsControlsAndMarks_GiveHandCheckedPieces(string text, string pieces)
    {
        var expected = new List<int> { Id("[CLS]") };
        expected.AddRange(pieces.Split(' ').Select(Id));
        expected.Add(Id("[SEP]"));

        Assert.Equal(expected, Ours.Encode(text));
    }

    [Fact]
    public void Encode_KnownSentence_GivesHandCheckedIds()
    {
        // [CLS] hello , world ! [SEP] in bert-base-uncased's vocabulary, which MiniLM uses.
        Assert.Equal([101, 7592, 1010, 2088, 999, 102], Ours.Encode("Hello, world!"));
    }

    [Fact]
    public void Encode_AccentsUnderInvariantGlobalization_AreStripped()
    {
        Assert.Equal([101, 7668, 13675, 21382, 102], Ours.Encode("Café Crème"));
    }

    [Fact]
    public void Encode_LongText_IsCutAt256IdsEndingWithSep()
    {
        var ids = Ours.Encode(string.Join(' ', Enumerable.Repeat("word", 1000)));

        Assert.Equal(256, ids.Length);
        Assert.Equal(101, ids[0]);
        Assert.Equal(102, ids[^1]);
    }

    private static IReadOnlyList<int> Reference(string text) =>
        ReferenceTokenizer.EncodeToIds(text, addSpecialTokens: true, considerPreTokenization: true, considerNormalization: true);

    private static int Id(string piece)
    {
        var id = Array.IndexOf(Vocabulary, piece);
        Assert.True(id >= 0, $"{piece} is not in vocab.txt");
        return id;
    }
}
