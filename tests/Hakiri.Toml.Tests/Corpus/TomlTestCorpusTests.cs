using Hakiri.TomlDecoder;

namespace Hakiri.Toml.Tests.Corpus;

/// <summary>Every TOML 1.0 case of toml-test: valid documents decode to the expected JSON, invalid ones are rejected.</summary>
public sealed class TomlTestCorpusTests
{
    [Theory]
    [MemberData(nameof(TomlTestCorpus.ValidCases), MemberType = typeof(TomlTestCorpus))]
    public void Parse_ValidCase_MatchesExpectedJson(string name)
    {
        var document = TomlParser.Parse(TomlTestCorpus.ReadToml(name));

        TaggedJsonAssert.Equivalent(TomlTestCorpus.ReadJson(name), TaggedJson.Encode(document));
    }

    [Theory]
    [MemberData(nameof(TomlTestCorpus.InvalidCases), MemberType = typeof(TomlTestCorpus))]
    public void Parse_InvalidCase_ThrowsTomlSyntaxException(string name)
    {
        var bytes = TomlTestCorpus.ReadToml(name);

        var error = Record.Exception(() => TomlParser.Parse(bytes));

        Assert.True(error is TomlSyntaxException, error is null
            ? $"{name} was accepted, but it is invalid TOML 1.0."
            : $"{name} threw {error.GetType().Name} instead of TomlSyntaxException: {error}");
    }

    [Fact]
    public void Corpus_TomlOneZeroList_HasEveryCaseOnDisk()
    {
        var listed = TomlTestCorpus.ListedFiles.ToList();

        Assert.Equal(919, listed.Count);
        Assert.All(listed, f => Assert.True(File.Exists(Path.Combine(TomlTestCorpus.TestsDirectory, f)), $"{f} is listed but missing."));
        Assert.Equal(210, TomlTestCorpus.ValidCases().Count);
        Assert.Equal(499, TomlTestCorpus.InvalidCases().Count);
    }
}
