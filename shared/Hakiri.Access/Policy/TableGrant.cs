using Hakiri.Access.Zones;

namespace Hakiri.Access.Policy;

/// <summary>What a token lets its holder see of one table: every row filter that applies (all must hold) and the columns to redact.</summary>
/// <param name="Table">The table's name as the store spells it.</param>
/// <param name="Filters">Row filters from every block whose pattern matches the table; a row is visible only when all hold.</param>
/// <param name="Redact">Columns whose values the holder never sees (as the store spells them; compare ignoring case).</param>
public sealed record TableGrant(string Table, IReadOnlyList<TableFilter> Filters, IReadOnlyList<string> Redact)
{
    /// <summary>What the caller's inference zone withholds (see <see cref="ZonePolicy.Apply"/>); withheld columns are also in <see cref="Redact"/>.</summary>
    public IReadOnlyList<ZoneWithholding> Withheld { get; init; } = [];

    /// <summary>Whether the table's rows are withheld from the caller (it still sees the table exists, and why).</summary>
    public bool WithholdsRows => Withheld.Any(w => w.Column is null);

    /// <summary>Whether <paramref name="column"/> is redacted for this holder.</summary>
    public bool Redacts(string column) => Redact.Any(c => string.Equals(c, column, StringComparison.OrdinalIgnoreCase));
}
