namespace Hakiri.Search.Text;

/// <summary>A term an analyzer produced and its word position in the text (stop words removed still count a position).</summary>
/// <param name="Term">The term as indexed (lower-cased, stemmed for the English analyzer).</param>
/// <param name="Position">The word's position, from 0 (plus the start position the caller gave).</param>
public readonly record struct TextToken(string Term, int Position);
