namespace Hakiri.Connectors.Cassettes;

/// <summary>
/// A cassette file could not be read: it is missing, is not valid JSON, or does not follow the format. The message is
/// one sentence naming the file (with line and column when known) and what to do.
/// </summary>
public sealed class CassetteFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CassetteFileException(string path, string message, long? line = null, long? column = null, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
        Line = line;
        Column = column;
    }

    /// <summary>The cassette file.</summary>
    public string Path { get; }

    /// <summary>The 1-based line of the problem, when known.</summary>
    public long? Line { get; }

    /// <summary>The 1-based column (byte position) of the problem, when known.</summary>
    public long? Column { get; }
}
