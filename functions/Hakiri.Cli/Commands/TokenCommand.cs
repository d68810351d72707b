using System.CommandLine;
using Hakiri.Access.Keys;
using Hakiri.Access.Policy;
using Hakiri.Access.Tokens;
using Hakiri.Cli.Access;

namespace Hakiri.Cli.Commands;

/// <summary><c>hakiri token issue|attenuate|inspect|revoke</c>: capability tokens for agents (docs/access-control.md).</summary>
internal static class TokenCommand
{
    public static Command Create(TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var command = new Command("token", "Issue, narrow, inspect and revoke the tokens agents read the store with.");
        command.Subcommands.Add(Issue(clock));
        command.Subcommands.Add(Attenuate(clock));
        command.Subcommands.Add(TokenInspectCommand.Create(clock));
        command.Subcommands.Add(TokenRevokeCommand.Create());
        return command;
    }

    private static Command Issue(TimeProvider clock)
    {
        var agent = new Option<string>("--agent") { Description = "The agent the token is for.", Required = true };
        var host = new Option<string?>("--host") { Description = "Where the agent runs (a machine or service name)." };
        var onBehalfOf = new Option<string?>("--on-behalf-of") { Description = "The user the agent acts for." };
        var task = new Option<string?>("--task") { Description = "The task the token is for." };
        var keyFile = new Option<string?>("--key-file") { Description = "The private key file (default: the key directory, or HAKIRI_SIGNING_KEY)." };
        var zone = new Option<string?>("--zone")
        {
            Description = "Where the agent's model runs: local:device, on-prem:<name>, private-cloud:<name> or public-cloud:<name>; data whose zone policy does not allow it is withheld.",
            HelpName = "ZONE",
        };
        var manifest = ProjectOptions.Manifest();
        var scope = new TokenOptions();
        var command = new Command("issue", "Issue a token signed with the project key; prints the token on standard output.") { agent, host, onBehalfOf, task, keyFile, zone, manifest };
        scope.AddTo(command);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(manifest)!;
            var project = ProjectOptions.LoadManifest(path, error);
            if (project is null)
            {
                return ExitCodes.BadInput;
            }

            if (project.Access is not { } access)
            {
                error.WriteLine($"{path}: error: the manifest has no [access] section, so there is no key to sign with; run 'hakiri key init' first");
                return ExitCodes.BadInput;
            }

            var ttl = scope.ReadTtl(parse, out var problem) ?? TimeSpan.FromHours(1);
            problem ??= ttl > access.MaxTtl
                ? $"--ttl {Model.Manifests.Durations.Format(ttl)} is longer than the manifest's max_ttl ({Model.Manifests.Durations.Format(access.MaxTtl)}); ask for less, or raise [access] max_ttl"
                : null;
            var tables = TokenOptions.Split(parse.GetValue(scope.Tables));
            problem ??= tables.Count == 0 ? "--tables is required: name the tables (or patterns such as 'crm_*') the token may read" : null;
            if (problem is not null)
            {
                error.WriteLine($"error: {problem}");
                return ExitCodes.BadInput;
            }

            var actions = TokenOptions.Split(parse.GetValue(scope.Actions));
            var request = new TokenRequest(
                new Subject(parse.GetValue(agent)!, parse.GetValue(host), parse.GetValue(onBehalfOf), parse.GetValue(task)),
                actions.Count == 0 ? ["read"] : actions,
                tables,
                parse.GetValue(scope.Filters) ?? [],
                TokenOptions.Split(parse.GetValue(scope.Redact)),
                ttl) { Zone = parse.GetValue(zone) };
            try
            {
                using var key = KeyFiles.Load(PublicKey.Parse(access.PublicKey), parse.GetValue(keyFile));
                var token = CapabilityTokens.Issue(key, request, clock);
                var description = CapabilityTokens.Inspect(token);
                foreach (var table in tables.Where(t => !project.Pipelines.Any(p => TablePattern.Matches(t, p.Table))))
                {
                    error.WriteLine($"warning: --tables '{table}' matches no table of this project (tables: {string.Join(", ", project.Pipelines.Select(p => p.Table))})");
                }

                parse.InvocationConfiguration.Output.WriteLine(token);
                error.WriteLine($"token {description.BlockIds[^1]} for agent {request.Subject.Agent}{(request.Zone is null ? string.Empty : " in zone " + request.Zone)}: tables {string.Join(", ", tables)}; expires {clock.GetUtcNow() + ttl:yyyy-MM-dd HH:mm:ss}Z");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is AccessCommandException or FormatException)
            {
                error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static Command Attenuate(TimeProvider clock)
    {
        var tokenArgument = new Argument<string>("TOKEN") { Description = "The token to narrow ('-' reads it from standard input)." };
        var zone = new Option<string?>("--zone") { Description = "Refused: only the token's issuer names the holder's inference zone.", HelpName = "ZONE", Hidden = true };
        var scope = new TokenOptions();
        var command = new Command("attenuate", "Narrow a token without the project key (fewer tables, more filters or redactions, a shorter ttl); prints the new token.")
        {
            tokenArgument, zone,
        };
        scope.AddTo(command);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var ttl = scope.ReadTtl(parse, out var problem);
            if (problem is not null)
            {
                error.WriteLine($"error: {problem}");
                return ExitCodes.BadInput;
            }

            var tables = TokenOptions.Split(parse.GetValue(scope.Tables));
            var actions = TokenOptions.Split(parse.GetValue(scope.Actions));
            var attenuation = new Attenuation(
                tables.Count == 0 ? null : tables,
                actions.Count == 0 ? null : actions,
                parse.GetValue(scope.Filters) ?? [],
                TokenOptions.Split(parse.GetValue(scope.Redact)),
                ttl) { Zone = parse.GetValue(zone) };
            try
            {
                var token = CapabilityTokens.Attenuate(TokenOptions.Read(parse.GetValue(tokenArgument)!), attenuation, clock);
                parse.InvocationConfiguration.Output.WriteLine(token);
                error.WriteLine($"token {CapabilityTokens.Inspect(token).BlockIds[^1]}: narrowed");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is TokenRejectedException or FormatException)
            {
                error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
