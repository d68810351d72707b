using Microsoft.Data.Sqlite;

namespace Hakiri.Store.Catalog;

/// <summary>
/// Reads the catalog's <c>revoked_tokens</c> through a read-only connection: a server checks it on every request, so it
/// must neither write (opening a <see cref="CatalogDatabase"/> creates tables in a transaction) nor hold the file open
/// across a mirror replacing it. A catalog that has no such table yet revokes nothing.
/// </summary>
public static class RevocationReader
{
    /// <summary>Whether the catalog of <paramref name="layout"/> lists <paramref name="tokenId"/> as revoked.</summary>
    public static bool IsRevoked(StoreLayout layout, string tokenId)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!File.Exists(layout.CatalogPath))
        {
            return false;
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = layout.CatalogPath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'revoked_tokens'";
        if (command.ExecuteScalar() is null)
        {
            return false;
        }

        command.CommandText = "SELECT 1 FROM revoked_tokens WHERE token_id = $id";
        command.Parameters.AddWithValue("$id", tokenId);
        return command.ExecuteScalar() is not null;
    }
}
