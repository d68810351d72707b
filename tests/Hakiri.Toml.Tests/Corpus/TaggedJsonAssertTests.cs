using Xunit.Sdk;

namespace Hakiri.Toml.Tests.Corpus;

/// <summary>The corpus comparison is only as good as its comparer: it must ignore form and catch every difference in meaning.</summary>
public sealed class TaggedJsonAssertTests
{
    [Theory]
    [InlineData("""{"a":{"type":"float","value":"1e3"},"b":{"type":"integer","value":"1"}}""", """{"b":{"type":"integer","value":"1"},"a":{"type":"float","value":"1000.0"}}""")]
    [InlineData("""{"a":{"type":"float","value":"nan"}}""", """{"a":{"type":"float","value":"-nan"}}""")]
    [InlineData("""{"a":{"type":"datetime","value":"1987-07-05 17:45:56.600z"}}""", """{"a":{"type":"datetime","value":"1987-07-05T17:45:56.6+00:00"}}""")]
    public void Equivalent_SameMeaningDifferentForm_Passes(string expected, string actual)
    {
        TaggedJsonAssert.Equivalent(expected, actual);
    }

    [Theory]
    [InlineData("""{"a":{"type":"integer","value":"1"}}""", """{"a":{"type":"integer","value":"2"}}""")]
    [InlineData("""{"a":{"type":"integer","value":"1"}}""", """{"a":{"type":"float","value":"1"}}""")]
    [InlineData("""{"a":{"type":"string","value":"x"}}""", """{"a":{"type":"string","value":"x "}}""")]
    [InlineData("""{"a":[]}""", """{"a":[{"type":"bool","value":"true"}]}""")]
    [InlineData("""{"a":{}}""", """{"a":{},"b":{}}""")]
    [InlineData("""{"a":{"type":"datetime","value":"1987-07-05T17:45:56Z"}}""", """{"a":{"type":"datetime","value":"1987-07-05T17:45:56+01:00"}}""")]
    public void Equivalent_DifferentMeaning_Fails(string expected, string actual)
    {
        Assert.Throws<TrueException>(() => TaggedJsonAssert.Equivalent(expected, actual));
    }
}
