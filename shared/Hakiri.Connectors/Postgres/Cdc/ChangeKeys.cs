namespace Hakiri.Connectors.Postgres.Cdc;

/// <summary>
/// The keys a batch of complete transactions touched (each once, in first-touched order) and whether one of them
/// truncated the table. Keys are PostgreSQL's text form of each key column, as the stream sends them.
/// </summary>
internal sealed class ChangeKeys
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<IReadOnlyList<string>> _keys = [];

    /// <summary>The distinct keys touched since the last truncate.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Keys => _keys;

    /// <summary>Whether the table was truncated: every stored row goes before these keys' rows land.</summary>
    public bool Truncated { get; private set; }

    /// <summary>How many distinct keys.</summary>
    public int Count => _keys.Count;

    /// <summary>Adds the keys of one committed transaction.</summary>
    public void Commit(IEnumerable<IReadOnlyList<string>> keys, bool truncated)
    {
        if (truncated)
        {
            // Rows touched before the truncate are gone unless the same transaction (or a later one) touched them
            // again, and then they are among the keys that follow.
            _seen.Clear();
            _keys.Clear();
            Truncated = true;
        }

        foreach (var key in keys)
        {
            // Key text never holds NUL (PostgreSQL text cannot), so it joins the columns unambiguously.
            if (_seen.Add(string.Join('\0', key)))
            {
                _keys.Add(key);
            }
        }
    }
}
