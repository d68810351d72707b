using System.CommandLine;
using Hakiri.Emit.Asl;
using Hakiri.Manifest;

namespace Hakiri.Cli.Commands;

/// <summary><c>hakiri emit asl [PIPELINE]</c>: writes what a deployment is made of, for users' own tooling.</summary>
internal static class EmitCommand
{
    public static Command Create()
    {
        var pipeline = new Argument<string?>("PIPELINE") { Description = "Emit the definition of this pipeline only; default: all pipelines.", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var manifest = ProjectOptions.Manifest();
        var asl = new Command("asl", "The Amazon States Language definition Step Functions runs and the local emulator executes.") { pipeline, output, manifest };
        asl.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (ProjectOptions.LoadManifest(parse.GetValue(manifest)!, error) is not { } project)
            {
                return ExitCodes.BadInput;
            }

            var name = parse.GetValue(pipeline);
            if (name is not null && project.FindPipeline(name) is null)
            {
                error.WriteLine($"{parse.GetValue(manifest)}: error: no pipeline named '{name}' — the manifest has {string.Join(", ", project.Pipelines.Select(p => p.Name))}");
                return ExitCodes.BadInput;
            }

            var text = PipelineStateMachine.Write(PipelineStateMachine.Build(project, name));
            if (parse.GetValue(output) is { } path)
            {
                try
                {
                    File.WriteAllText(path, text);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"{path}: error: cannot write the definition: {e.Message} — check the directory exists and is writable");
                    return ExitCodes.BadInput;
                }

                parse.InvocationConfiguration.Output.WriteLine($"wrote {path} (sha256 {PipelineStateMachine.Hash(text)})");
                return ExitCodes.Ok;
            }

            parse.InvocationConfiguration.Output.Write(text);
            return ExitCodes.Ok;
        });

        return new Command("emit", "Write deployment artifacts generated from the manifest.") { asl, EmitAwsCommand.Create(), EmitAzureCommand.Create() };
    }
}
