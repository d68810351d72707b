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
        using var connection = IndexCatalogReader.OpenReadOnly(layout);
        if (connection is null || !IndexCatalogReader.HasTable(connection, "revoked_tokens"))
        {
            return false;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM revoked_tokens WHERE token_id = $id";
        command.Parameters.AddWithValue("$id", tokenId);
        return command.ExecuteScalar() is not null;
    }
}
