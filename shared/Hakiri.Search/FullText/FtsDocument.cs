namespace Hakiri.Search.FullText;

/// <summary>One row of a data file to index: its row number in the file (from 0) and the text of each indexed column.</summary>
/// <param name="Row">The row's position in its Parquet data file (DuckDB's <c>file_row_number</c>).</param>
/// <param name="Fields">The indexed columns' values in manifest order; <see langword="null"/> for a null value.</param>
public readonly record struct FtsDocument(long Row, IReadOnlyList<string?> Fields);
