using Hakiri.Connectors.Http;

namespace Hakiri.Connectors.Tests.Http;

public sealed class LinkHeaderTests
{
    [Fact]
    public void Find_QuotedCommasAndSemicolonsInParams_ReturnsNext()
    {
        var header = """<https://x.test/a?page=1>; rel="first", <https://x.test/a?page=2&q=a,b>; title="next, then; more"; rel="next", <https://x.test/a?page=9>; rel=last""";

        Assert.Equal("https://x.test/a?page=2&q=a,b", LinkHeader.Find([header], "next"));
        Assert.Equal("https://x.test/a?page=9", LinkHeader.Find([header], "last"));
    }

    [Fact]
    public void Find_SeveralRelationsAndHeaderLines_MatchesAnyCaseInsensitively()
    {
        Assert.Equal("/p/3", LinkHeader.Find(["</p/1>; rel=prev", "</p/3>; REL=\"last NEXT\""], "next"));
    }

    [Fact]
    public void Find_NoNext_ReturnsNull()
    {
        Assert.Null(LinkHeader.Find(["<https://x.test/a?page=1>; rel=\"prev\"", "garbage"], "next"));
    }
}
