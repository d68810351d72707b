using Hakiri.Access.Policy;

namespace Hakiri.Access.Tests;

public sealed class AccessScopeTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Resolve_ChildNarrowsTables_OnlyIntersectionVisible()
    {
        var scope = Scope(Block(["cust*", "orders"]), Block(["customers"]));

        Assert.NotNull(scope.Resolve("customers"));
        Assert.Null(scope.Resolve("orders"));
        Assert.Null(scope.Resolve("custodians"));
    }

    [Fact]
    public void Resolve_FiltersAndRedactionsFromEveryBlock_AllApply()
    {
        var eu = new TableFilter("customers", new Comparison("region", ComparisonOperator.Equal, new StringValue("EU")), "region = \"EU\"");
        var active = new TableFilter("cust*", new NullCheck("closed_at", Negated: false), "closed_at IS NULL");
        var scope = Scope(Block(["*"], [eu], ["customers.email"]), Block(null, [active], ["*.phone", "customers.EMAIL"]));

        var grant = scope.Resolve("customers")!;

        Assert.Equal([eu, active], grant.Filters);
        Assert.Equal(["email", "phone"], grant.Redact);
        Assert.True(grant.Redacts("Email"));
        Assert.Empty(scope.Resolve("orders")!.Filters);
    }

    [Fact]
    public void Allows_ActionMissingFromAnyBlock_Refused()
    {
        var scope = Scope(Block(["*"]) with { Actions = ["read", "write:memory"] }, Block(null) with { Actions = ["read"] });

        Assert.True(scope.Allows("read"));
        Assert.False(scope.Allows("write:memory"));
    }

    private static AccessScope Scope(params ScopeBlock[] blocks) => new(new Subject("a"), "id", ["id"], blocks);

    private static ScopeBlock Block(IReadOnlyList<string>? tables, IReadOnlyList<TableFilter>? filters = null, IReadOnlyList<string>? redact = null) =>
        new(tables, null, filters ?? [], redact ?? [], Start, Start.AddHours(1));
}
