namespace Hakiri.DuckDb;

/// <summary>One column of a result: its name and its DuckDB type.</summary>
/// <param name="Name">The column name as DuckDB reports it.</param>
/// <param name="Type">The column's DuckDB type.</param>
public sealed record DuckDbColumn(string Name, DuckDbColumnType Type);
