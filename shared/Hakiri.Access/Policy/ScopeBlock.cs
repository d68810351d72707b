namespace Hakiri.Access.Policy;

/// <summary>
/// What one block of a token says. The first block is the issuer's; each later block was added by a holder and can only
/// narrow: the effective scope is the intersection of all blocks (see <see cref="AccessScope"/>).
/// </summary>
/// <param name="Tables">Table names or patterns (<c>*</c> matches any run of characters) the block allows; <see langword="null"/> = no restriction beyond earlier blocks (never null in the first block).</param>
/// <param name="Actions">Actions allowed (<c>read</c>, <c>write:memory</c>); <see langword="null"/> = as earlier blocks.</param>
/// <param name="Filters">Row filters: table name or pattern → predicate. Every filter of every block that matches a table applies (AND).</param>
/// <param name="Redact">Columns to redact as <c>table.column</c> (table may be a pattern). Union over all blocks.</param>
/// <param name="NotBefore">Not valid before this instant.</param>
/// <param name="ExpiresAt">Not valid at or after this instant.</param>
public sealed record ScopeBlock(
    IReadOnlyList<string>? Tables,
    IReadOnlyList<string>? Actions,
    IReadOnlyList<TableFilter> Filters,
    IReadOnlyList<string> Redact,
    DateTimeOffset NotBefore,
    DateTimeOffset ExpiresAt);

/// <summary>A row filter on the tables a name or pattern matches.</summary>
/// <param name="Table">A table name or pattern.</param>
/// <param name="Predicate">The rows the token may see.</param>
/// <param name="Text">The predicate as the issuer wrote it (canonical form), for messages and inspection.</param>
public sealed record TableFilter(string Table, Predicate Predicate, string Text);
