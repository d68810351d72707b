using Hakiri.Access.Audit;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Query;

/// <summary>A query's answer and what the audit trail needs of it.</summary>
/// <param name="Json">The answer as the tool returns it.</param>
/// <param name="RowCount">Rows returned.</param>
/// <param name="Sources">The store tables read.</param>
/// <param name="Keys">Primary keys of the rows returned, for the tables whose key columns the result carries.</param>
/// <param name="KeysComplete">Whether every table read had its key columns in the result.</param>
internal sealed record QueryResult(byte[] Json, int RowCount, IReadOnlyList<TableRecord> Sources, IReadOnlyList<AuditKey> Keys, bool KeysComplete);
