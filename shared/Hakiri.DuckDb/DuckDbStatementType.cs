namespace Hakiri.DuckDb;

/// <summary>What a SQL statement is, as DuckDB classifies it (<c>duckdb_statement_type</c>; numbers are DuckDB's).</summary>
public enum DuckDbStatementType
{
    /// <summary>No statement, a failed prepare, or a kind this DuckDB has no C API value for.</summary>
    Invalid = 0,
    /// <summary><c>SELECT</c>, <c>VALUES</c>, <c>FROM t</c>, <c>WITH ...</c>, <c>SHOW</c>, <c>DESCRIBE</c>, <c>SUMMARIZE</c>.</summary>
    Select = 1,
    /// <summary><c>INSERT</c>.</summary>
    Insert = 2,
    /// <summary><c>UPDATE</c>.</summary>
    Update = 3,
    /// <summary><c>EXPLAIN</c>.</summary>
    Explain = 4,
    /// <summary><c>DELETE</c>.</summary>
    Delete = 5,
    /// <summary><c>PREPARE</c>.</summary>
    Prepare = 6,
    /// <summary><c>CREATE</c> (tables, views, schemas, sequences, types, secrets, ...).</summary>
    Create = 7,
    /// <summary><c>EXECUTE</c>.</summary>
    Execute = 8,
    /// <summary><c>ALTER</c>.</summary>
    Alter = 9,
    /// <summary><c>BEGIN</c>, <c>COMMIT</c>, <c>ROLLBACK</c>.</summary>
    Transaction = 10,
    /// <summary><c>COPY</c> to or from a file.</summary>
    Copy = 11,
    /// <summary><c>ANALYZE</c>.</summary>
    Analyze = 12,
    /// <summary><c>SET VARIABLE</c>.</summary>
    VariableSet = 13,
    /// <summary><c>CREATE MACRO</c> / <c>CREATE FUNCTION</c>.</summary>
    CreateFunc = 14,
    /// <summary><c>DROP</c>.</summary>
    Drop = 15,
    /// <summary><c>EXPORT DATABASE</c>.</summary>
    Export = 16,
    /// <summary><c>PRAGMA</c>.</summary>
    Pragma = 17,
    /// <summary><c>VACUUM</c>.</summary>
    Vacuum = 18,
    /// <summary><c>CALL</c>.</summary>
    Call = 19,
    /// <summary><c>SET</c> / <c>RESET</c> of a setting.</summary>
    Set = 20,
    /// <summary><c>LOAD</c> and <c>INSTALL</c> of an extension.</summary>
    Load = 21,
    /// <summary>A relation built through DuckDB's relational API.</summary>
    Relation = 22,
    /// <summary>A statement an extension's parser produced.</summary>
    Extension = 23,
    /// <summary>A logical plan given directly.</summary>
    LogicalPlan = 24,
    /// <summary><c>ATTACH</c>.</summary>
    Attach = 25,
    /// <summary><c>DETACH</c>.</summary>
    Detach = 26,
    /// <summary>One statement DuckDB expands into several (for example <c>PIVOT</c> over computed columns).</summary>
    Multi = 27,
    /// <summary><c>COPY FROM DATABASE</c>.</summary>
    CopyDatabase = 28,
    /// <summary><c>UPDATE EXTENSIONS</c>.</summary>
    UpdateExtensions = 29,
    /// <summary><c>MERGE INTO</c>.</summary>
    MergeInto = 30,
}
