using Hakiri.Access.Policy;

namespace Hakiri.Access.Tests.Policy;

public sealed class TablePatternTests
{
    [Theory]
    [InlineData("*", "customers", true)]
    [InlineData("customers", "CUSTOMERS", true)]
    [InlineData("cust*", "customers", true)]
    [InlineData("cust*", "cus", false)]
    [InlineData("*_eu", "sales_eu", true)]
    [InlineData("*_eu", "sales_us", false)]
    [InlineData("s*_*u", "sales_eu", true)]
    [InlineData("a*a", "a", false)]
    [InlineData("a*a", "aa", true)]
    [InlineData("", "", true)]
    public void Matches_Cases(string pattern, string table, bool expected) => Assert.Equal(expected, TablePattern.Matches(pattern, table));

    [Theory]
    [InlineData("*", "*", true)]
    [InlineData("*", "cust*", true)]
    [InlineData("cust*", "*", false)]
    [InlineData("cust*", "customers", true)]
    [InlineData("cust*", "customer*", true)]
    [InlineData("customer*", "cust*", false)]
    [InlineData("*a*", "*a", true)]
    [InlineData("*a", "*a*", false)]
    [InlineData("a*b*c", "a*c", false)]
    [InlineData("a*c", "a*b*c", true)]
    [InlineData("*_eu", "sales_*", false)]
    [InlineData("sales_*", "sales_*_eu", true)]
    [InlineData("Sales_*", "SALES_EU", true)]
    [InlineData("orders", "order*", false)]
    [InlineData("**", "x*y", true)]
    public void Covers_Cases(string wider, string narrower, bool expected) => Assert.Equal(expected, TablePattern.Covers(wider, narrower));

    [Fact]
    public void Covers_AgreesWithMatchesOverEveryInstance()
    {
        // Exhaustive over a small alphabet: Covers(w, n) must hold exactly when w matches every table n matches. Tables use
        // a letter no pattern names ('c'), as real names do: over {a, b} alone 'a*b' would be covered by '*ab*'.
        var patterns = Words("ab*", 4).ToList();
        var tables = Words("abc", 5).ToList();
        foreach (var wider in patterns)
        {
            foreach (var narrower in patterns)
            {
                var semantic = tables.Where(t => TablePattern.Matches(narrower, t)).All(t => TablePattern.Matches(wider, t));
                Assert.True(semantic == TablePattern.Covers(wider, narrower), $"Covers('{wider}', '{narrower}') should be {semantic}");
            }
        }
    }

    [Fact]
    public void Matches_AdversarialPattern_Linear()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 60)) + "b";
        var table = new string('a', 128);

        Assert.False(TablePattern.Matches(pattern, table));
        Assert.False(TablePattern.Covers(pattern, table));
    }

    private static IEnumerable<string> Words(string alphabet, int maxLength)
    {
        IEnumerable<string> level = [""];
        yield return "";
        for (var i = 0; i < maxLength; i++)
        {
            level = level.SelectMany(w => alphabet.Select(c => w + c)).ToList();
            foreach (var w in level)
            {
                yield return w;
            }
        }
    }
}
