using System.CommandLine;
using System.Text.RegularExpressions;
using Hakiri.Store.Catalog;

namespace Hakiri.Cli.Commands;

/// <summary><c>hakiri token revoke ID</c>: adds a token id to the store's revocation list; servers refuse it (and every token narrowed from it) from their next request.</summary>
internal static partial class TokenRevokeCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The token id 'hakiri token inspect' prints (any block's id; revoking one revokes the tokens narrowed from it)." };
        var reason = new Option<string?>("--reason") { Description = "Why, kept in the catalog." };
        var manifest = ProjectOptions.Manifest();
        var command = new Command("revoke", "Revoke a token: servers of this store refuse it from their next request.") { id, reason, manifest };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var tokenId = parse.GetValue(id)!.Trim();
            if (!TokenId().IsMatch(tokenId))
            {
                error.WriteLine($"error: '{tokenId}' is not a token id (16 lower-case hex characters, as 'hakiri token inspect' prints)");
                return ExitCodes.BadInput;
            }

            using var project = ProjectOptions.Load(parse.GetValue(manifest)!, error);
            if (project is null)
            {
                return ExitCodes.BadInput;
            }

            await project.PrepareForReadingAsync(withData: false, cancellationToken).ConfigureAwait(false);
            bool added;
            using (var catalog = CatalogDatabase.Open(project.Layout))
            {
                added = catalog.RevokeToken(tokenId, parse.GetValue(reason) ?? string.Empty);
            }

            if (project.Mirror is not null)
            {
                await project.Mirror.PushCatalogAsync(cancellationToken).ConfigureAwait(false);
            }

            parse.InvocationConfiguration.Output.WriteLine(added
                ? $"token {tokenId} revoked in {project.Manifest.Store.Display}: it and every token narrowed from it are refused from the next request"
                : $"token {tokenId} was already revoked");
            return ExitCodes.Ok;
        });
        return command;
    }

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex TokenId();
}
