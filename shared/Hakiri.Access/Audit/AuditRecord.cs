using Hakiri.Access.Policy;

namespace Hakiri.Access.Audit;

/// <summary>One read an agent made through the MCP server: who, under which token, what tables, how many rows, which keys.</summary>
/// <param name="Time">When the read was answered.</param>
/// <param name="Subject">Who read; <see langword="null"/> when the server runs without access control.</param>
/// <param name="TokenId">The token's id (its last block); <see langword="null"/> without access control.</param>
/// <param name="Tool">The MCP tool or resource read (<c>context.query</c>, <c>context.describe</c>, <c>resources/read</c>…).</param>
/// <param name="Tables">The store tables the read touched.</param>
/// <param name="RowCount">Rows returned.</param>
/// <param name="Keys">Primary keys of the rows returned, per table (key columns joined as text, <c>|</c>-separated for composite keys).</param>
/// <param name="KeysComplete">False when the result did not carry a table's key columns (aggregates, column lists), so <paramref name="Keys"/> cannot name every row read.</param>
public sealed record AuditRecord(
    DateTimeOffset Time,
    Subject? Subject,
    string? TokenId,
    string Tool,
    IReadOnlyList<string> Tables,
    long RowCount,
    IReadOnlyList<AuditKey> Keys,
    bool KeysComplete)
{
    /// <summary>The caller's inference zone (its token's, or the zone <c>hakiri serve</c> was given), or <see langword="null"/> when none was declared.</summary>
    public string? Zone { get; init; }
}

/// <summary>A row returned: its table and primary key value.</summary>
public sealed record AuditKey(string Table, string Key);

/// <summary>Receives an <see cref="AuditRecord"/> for every read, before the answer leaves the server. Must be thread-safe.</summary>
public interface IAuditSink
{
    /// <summary>Records one read. Throws if the record cannot be kept: a read that cannot be audited is not answered.</summary>
    void Record(AuditRecord record);
}
