using Hakiri.Access.Policy;

namespace Hakiri.Mcp.Tests.Access;

/// <summary>Scopes built directly, as a verified token would give them.</summary>
internal static class Scopes
{
    /// <summary>customers (country ES or GH, name redacted) and orders (shipped only); products hidden.</summary>
    public static AccessScope Shop { get; } = Of(
        ["customers", "orders"],
        [
            new TableFilter("customers", new InList("country", [new StringValue("ES"), new StringValue("GH")], Negated: false), "country IN (\"ES\", \"GH\")"),
            new TableFilter("orders", new Comparison("status", ComparisonOperator.Equal, new StringValue("shipped")), "status = \"shipped\""),
        ],
        ["customers.name"]);

    public static AccessScope Of(IReadOnlyList<string> tables, IReadOnlyList<TableFilter> filters, IReadOnlyList<string> redact, IReadOnlyList<string>? actions = null, Subject? subject = null) =>
        new(subject ?? new Subject("agent-a", "host-1"), "tok-1", ["tok-1"], [new ScopeBlock(tables, actions ?? ["read"], filters, redact, DateTimeOffset.MinValue, DateTimeOffset.MaxValue)]);
}
