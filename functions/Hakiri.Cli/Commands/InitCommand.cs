using System.CommandLine;

namespace Hakiri.Cli.Commands;

/// <summary><c>hakiri init [DIR]</c>: writes a starter manifest and sample data that <c>hakiri validate</c> accepts.</summary>
internal static class InitCommand
{
    private const string Prefix = "init/";

    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "Where to create the project.", DefaultValueFactory = _ => "." };
        var force = new Option<bool>("--force") { Description = "Overwrite files that already exist." };
        var command = new Command("init", "Create a starter hakiri.toml and sample data in a directory.") { directory, force };
        command.SetAction(parse => Run(parse.GetValue(directory)!, parse.GetValue(force), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string directory, bool force, TextWriter output, TextWriter error)
    {
        var assembly = typeof(InitCommand).Assembly;
        var files = assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        var targets = files.Select(name => (Resource: name, Path: Path.Combine(directory, name[Prefix.Length..]))).ToArray();

        // Check every target first so a refusal leaves the directory exactly as it was.
        var existing = targets.Where(t => File.Exists(t.Path)).Select(t => t.Path).ToArray();
        if (existing.Length > 0 && !force)
        {
            foreach (var path in existing)
            {
                error.WriteLine($"{path}: error: the file already exists — pass --force to overwrite it, or choose another directory");
            }

            return ExitCodes.BadInput;
        }

        try
        {
            foreach (var (resource, path) in targets)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                using var source = assembly.GetManifestResourceStream(resource)!;
                using var target = File.Create(path);
                source.CopyTo(target);
                output.WriteLine($"created {path}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{directory}: error: cannot write the starter project: {e.Message} — check the directory is writable");
            return ExitCodes.BadInput;
        }

        output.WriteLine($"Next: hakiri run -m {Path.Combine(directory, "hakiri.toml")}");
        return ExitCodes.Ok;
    }
}
