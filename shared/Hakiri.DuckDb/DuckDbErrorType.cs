namespace Hakiri.DuckDb;

/// <summary>The class of a DuckDB error (<c>duckdb_error_type</c>; numbers are DuckDB's).</summary>
public enum DuckDbErrorType
{
    /// <summary>Unclassified, or an error raised by this library rather than by DuckDB.</summary>
    Invalid = 0,
    /// <summary>A value out of its type's range.</summary>
    OutOfRange = 1,
    /// <summary>A cast that failed.</summary>
    Conversion = 2,
    /// <summary>An unknown type name.</summary>
    UnknownType = 3,
    /// <summary>A decimal that does not fit its width.</summary>
    Decimal = 4,
    /// <summary>Types that do not match.</summary>
    MismatchType = 5,
    /// <summary>Division by zero.</summary>
    DivideByZero = 6,
    /// <summary>An object too large.</summary>
    ObjectSize = 7,
    /// <summary>An invalid type for the operation.</summary>
    InvalidType = 8,
    /// <summary>Serialization failure.</summary>
    Serialization = 9,
    /// <summary>A transaction conflict or misuse.</summary>
    Transaction = 10,
    /// <summary>A feature DuckDB does not implement.</summary>
    NotImplemented = 11,
    /// <summary>An invalid expression.</summary>
    Expression = 12,
    /// <summary>A missing or duplicate table, view, schema, function, ...</summary>
    Catalog = 13,
    /// <summary>A syntax error found by the parser.</summary>
    Parser = 14,
    /// <summary>The planner failed.</summary>
    Planner = 15,
    /// <summary>The scheduler failed.</summary>
    Scheduler = 16,
    /// <summary>Execution failed.</summary>
    Executor = 17,
    /// <summary>A constraint (NOT NULL, PRIMARY KEY, CHECK, ...) was violated.</summary>
    Constraint = 18,
    /// <summary>An index error.</summary>
    Index = 19,
    /// <summary>A statistics error.</summary>
    Stat = 20,
    /// <summary>A connection error.</summary>
    Connection = 21,
    /// <summary>A syntax error.</summary>
    Syntax = 22,
    /// <summary>An invalid setting.</summary>
    Settings = 23,
    /// <summary>Binding failed: an unknown column, a wrong argument type, ...</summary>
    Binder = 24,
    /// <summary>A network error.</summary>
    Network = 25,
    /// <summary>The optimizer failed.</summary>
    Optimizer = 26,
    /// <summary>A null pointer.</summary>
    NullPointer = 27,
    /// <summary>File or other I/O failed.</summary>
    IO = 28,
    /// <summary>The query was interrupted.</summary>
    Interrupt = 29,
    /// <summary>A fatal error: the database must be reopened.</summary>
    Fatal = 30,
    /// <summary>A DuckDB bug.</summary>
    Internal = 31,
    /// <summary>Invalid input, for example a malformed CSV file.</summary>
    InvalidInput = 32,
    /// <summary>Out of memory.</summary>
    OutOfMemory = 33,
    /// <summary>Not permitted, for example file access when external access is disabled.</summary>
    Permission = 34,
    /// <summary>A parameter's type could not be resolved.</summary>
    ParameterNotResolved = 35,
    /// <summary>A parameter where none is allowed.</summary>
    ParameterNotAllowed = 36,
    /// <summary>A dependency prevents the operation.</summary>
    Dependency = 37,
    /// <summary>An HTTP error.</summary>
    Http = 38,
    /// <summary>An extension that is not loaded is needed.</summary>
    MissingExtension = 39,
    /// <summary>Autoloading an extension failed.</summary>
    Autoload = 40,
    /// <summary>A sequence error.</summary>
    Sequence = 41,
    /// <summary>An invalid configuration.</summary>
    InvalidConfiguration = 42,
}
