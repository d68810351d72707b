namespace Hakiri.Toml;

/// <summary>The document is not valid TOML 1.0.</summary>
public sealed class TomlSyntaxException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">What is wrong, as a sentence without the location.</param>
    /// <param name="position">Where the problem is.</param>
    public TomlSyntaxException(string reason, TomlPosition position)
        : base($"{position}: {reason}")
    {
        Reason = reason;
        Position = position;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>Where the problem is.</summary>
    public TomlPosition Position { get; }
}
