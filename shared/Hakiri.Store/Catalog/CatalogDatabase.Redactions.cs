namespace Hakiri.Store.Catalog;

public sealed partial class CatalogDatabase
{
    /// <summary>
    /// The redaction recorded for <paramref name="table"/>, or <see langword="null"/> when none was ever recorded (a
    /// table written before redaction existed, or never written).
    /// </summary>
    public TableRedactionRecord? GetRedaction(string table)
    {
        using var command = Command("SELECT columns, mode, salt_sha256 FROM table_redactions WHERE table_name = $t", null, ("$t", table));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new TableRedactionRecord(StringsFromJson(reader.GetString(0)), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            : null;
    }
}
