using System.CommandLine;
using Hakiri.Access.Keys;
using Hakiri.Cli.Access;
using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Commands;

/// <summary>
/// <c>hakiri key init|rotate</c>: the project's signing key. The private key goes to the key directory (see
/// <see cref="KeyFiles"/>), the public key into the manifest's <c>[access]</c> section.
/// </summary>
internal static class KeyCommand
{
    public static Command Create(TimeProvider? clock = null)
    {
        var command = new Command("key", "Manage the project's signing key: agents then read the store only with tokens it signed.");
        command.Subcommands.Add(Init());
        command.Subcommands.Add(Rotate(clock ?? TimeProvider.System));
        return command;
    }

    private static Command Init()
    {
        var manifest = ProjectOptions.Manifest();
        var command = new Command("init", "Create the signing key: the private key outside the repository, [access] public_key in the manifest (the store then requires tokens).")
        {
            manifest,
        };
        command.SetAction(parse => Run(parse, manifest, (path, project, error, output) =>
        {
            if (project.Access is not null)
            {
                error.WriteLine($"{path}: error: the manifest already has an [access] key ({PublicKey.Parse(project.Access.PublicKey).KeyId}); run 'hakiri key rotate' to replace it");
                return ExitCodes.BadInput;
            }

            using var key = SigningKey.Generate();
            var keyPath = WriteKey(key, project);
            var settings = new AccessSettings(key.PublicKey.ToString(), AccessSettings.DefaultMaxTtl, AuditKeyMode.Hashed, []);
            File.WriteAllText(path, AccessSection.Append(File.ReadAllText(path), AccessSection.Render(settings, keyPath)));
            output.WriteLine($"key {key.PublicKey.KeyId} created: private key {keyPath} (owner-only; keep it out of the repository and back it up)");
            output.WriteLine($"{path}: [access] public_key added — agents now need a token: hakiri token issue --agent NAME --tables TABLE --ttl 1h");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Rotate(TimeProvider clock)
    {
        var manifest = ProjectOptions.Manifest();
        var command = new Command("rotate", "Replace the signing key; tokens the old key signed stay valid until they expire (at most max_ttl from now).")
        {
            manifest,
        };
        command.SetAction(parse => Run(parse, manifest, (path, project, error, output) =>
        {
            if (project.Access is not { } access)
            {
                error.WriteLine($"{path}: error: the manifest has no [access] section to rotate; run 'hakiri key init' first");
                return ExitCodes.BadInput;
            }

            var now = clock.GetUtcNow();
            var old = PublicKey.Parse(access.PublicKey);
            using var key = SigningKey.Generate();
            var keyPath = WriteKey(key, project);

            // Whatever the old key signed expires within max_ttl of now; past that the old key verifies nothing.
            var until = DateTimeOffset.FromUnixTimeSeconds((now + access.MaxTtl).ToUnixTimeSeconds() + 1);
            var retired = access.RetiredKeys.Where(r => r.Until > now).Append(new RetiredKeySetting(access.PublicKey, until)).ToList();
            var settings = access with { PublicKey = key.PublicKey.ToString(), RetiredKeys = retired };
            File.WriteAllText(path, AccessSection.Replace(File.ReadAllText(path), AccessSection.Render(settings, keyPath)));
            output.WriteLine($"key {key.PublicKey.KeyId} created: private key {keyPath}; new tokens are signed with it");
            output.WriteLine($"key {old.KeyId} retired: tokens it signed verify until {until:yyyy-MM-dd HH:mm:ss}Z, then it is dropped at the next rotation");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static int Run(ParseResult parse, Option<string> manifestOption, Func<string, ProjectManifest, TextWriter, TextWriter, int> action)
    {
        var error = parse.InvocationConfiguration.Error;
        var path = parse.GetValue(manifestOption)!;
        var project = ProjectOptions.LoadManifest(path, error);
        if (project is null)
        {
            return ExitCodes.BadInput;
        }

        try
        {
            return action(path, project, error, parse.InvocationConfiguration.Output);
        }
        catch (AccessCommandException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    // A key directory inside the project would put the private key one 'git add' away from the repository.
    private static string WriteKey(SigningKey key, ProjectManifest project)
    {
        var directory = KeyFiles.Directory() + Path.DirectorySeparatorChar;
        var projectDirectory = Path.GetFullPath(project.BaseDirectory) + Path.DirectorySeparatorChar;
        if (directory.StartsWith(projectDirectory, StringComparison.Ordinal))
        {
            throw new AccessCommandException(
                $"the key directory {directory} is inside the project {projectDirectory}; set HAKIRI_KEY_DIR to a directory outside the repository");
        }

        return KeyFiles.Write(key);
    }
}
