namespace Hakiri.Connectors.Contract;

/// <summary>
/// The optional column by which a batch says what each row is: a change-capturing connector (postgres in
/// <c>cdc</c> mode) adds it, and the write step applies the rows in batch order, the last change per primary key
/// winning. The column is staged but never stored. A batch without it is all upserts.
/// </summary>
public static class ChangeOperation
{
    /// <summary>The column's name.</summary>
    public const string Column = "_hakiri_op";

    /// <summary>The row was inserted or updated: it replaces the stored row with its key.</summary>
    public const string Upsert = "u";

    /// <summary>The row with this key was deleted: only the key columns are set, and the stored row goes.</summary>
    public const string Delete = "d";

    /// <summary>
    /// Everything before this row is gone (a re-snapshot starts, or the table was truncated): the table's stored rows,
    /// and rows staged earlier in the run, are dropped; the rows after it rebuild the table.
    /// </summary>
    public const string Reset = "t";
}
