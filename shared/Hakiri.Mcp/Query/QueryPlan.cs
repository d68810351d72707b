namespace Hakiri.Mcp.Query;

/// <summary>One statement to run: its SQL (a client's SELECT, or one this library composed around it), bound values, and row cap.</summary>
/// <param name="Sql">The statement.</param>
/// <param name="Parameters">Values for <c>$1</c>, <c>$2</c>, … in order.</param>
/// <param name="MaxRows">Rows to return at most; one more is read to tell whether the result was cut.</param>
internal sealed record QueryPlan(string Sql, IReadOnlyList<object?> Parameters, int MaxRows);
