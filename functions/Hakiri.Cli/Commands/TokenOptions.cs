using System.CommandLine;
using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Commands;

/// <summary>The scope options <c>token issue</c> and <c>token attenuate</c> share, and reading a token argument.</summary>
internal sealed class TokenOptions
{
    public Option<string[]> Tables { get; } = new("--tables", "--table")
    {
        Description = "Tables the token may read: names or patterns with * (repeat or separate with commas).",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> Filters { get; } = new("--filter")
    {
        Description = "A row filter, 'TABLE: PREDICATE' (e.g. 'customers: region = \"EU\"'); repeatable, all apply.",
    };

    public Option<string[]> Redact { get; } = new("--redact")
    {
        Description = "A column the holder never sees, TABLE.COLUMN (TABLE may be a pattern); repeatable.",
    };

    public Option<string[]> Actions { get; } = new("--action")
    {
        Description = "An action the token allows: read, write:memory, delete:memory:any (repeatable).",
    };

    public Option<string?> Ttl { get; } = new("--ttl")
    {
        Description = "How long the token is valid: a number and s, m, h or d.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Tables);
        command.Options.Add(Filters);
        command.Options.Add(Redact);
        command.Options.Add(Actions);
        command.Options.Add(Ttl);
    }

    public static IReadOnlyList<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

    /// <summary>The --ttl value, or null when absent; a malformed one is an error sentence.</summary>
    public TimeSpan? ReadTtl(ParseResult parse, out string? problem)
    {
        problem = null;
        if (parse.GetValue(Ttl) is not { } text)
        {
            return null;
        }

        var ttl = Durations.TryParse(text);
        if (ttl is null)
        {
            problem = $"--ttl '{text}' is not a duration; write a number followed by s, m, h or d, such as 1h";
        }

        return ttl;
    }

    /// <summary>A token from the argument, or from standard input when the argument is '-'.</summary>
    public static string Read(string argument) => argument == "-" ? Console.In.ReadToEnd().Trim() : argument.Trim();
}
