using System.CommandLine;
using Hakiri.Model.Manifests;
using Hakiri.Store;
using Hakiri.Store.Objects;
using Hakiri.Cli.Output;
using Hakiri.Sync;

namespace Hakiri.Cli.Commands;

/// <summary>
/// <c>hakiri sync push|pull|status|diagnose</c>: shares a local store through a bucket (docs/sync.md). Refusals —
/// the lease is held, the bucket ignores conditional writes, no remote is set — change nothing and exit 2.
/// </summary>
internal static class SyncCommand
{
    public static Command Create()
    {
        var command = new Command("sync", "Share the local store through a bucket with other installs: push, pull, status, diagnose (docs/sync.md).")
        {
            Push(), Pull(), Status(), Diagnose(),
        };
        return command;
    }

    private static Command Push()
    {
        var ttl = new Option<int>("--lease-ttl")
        {
            Description = "Seconds the push lease lasts unless renewed; a crashed push blocks others this long.",
            DefaultValueFactory = _ => (int)SyncOptions.DefaultLeaseTtl.TotalSeconds,
        };
        var singleWriter = new Option<bool>("--single-writer")
        {
            Description = "Push without the lease, for a bucket that does not enforce conditional writes: only when this install is the one that ever pushes (others only pull).",
        };
        return Sub("push", "Upload the tables that changed here (only files the bucket lacks) and commit a new snapshot under the single-writer lease.",
            async (sync, parse, output, cancellationToken) =>
            {
                var options = new SyncOptions { LeaseTtl = TimeSpan.FromSeconds(Math.Max(5, parse.GetValue(ttl))), SingleWriter = parse.GetValue(singleWriter) };
                var result = await sync(options).PushAsync(cancellationToken).ConfigureAwait(false);
                return (SyncJson.Serialize(result), () => SyncText.Write(output, result));
            }, ttl, singleWriter);
    }

    private static Command Pull() =>
        Sub("pull", "Apply the tables that changed in the bucket to the local store in one transaction; never moves a cursor backwards.",
            async (sync, _, output, cancellationToken) =>
            {
                var result = await sync(new SyncOptions()).PullAsync(cancellationToken).ConfigureAwait(false);
                return (SyncJson.Serialize(result), () => SyncText.Write(output, result));
            });

    private static Command Status() =>
        Sub("status", "Show what a push and a pull would move per table (versions, files, bytes) and who holds the lease.",
            async (sync, _, output, cancellationToken) =>
            {
                var result = await sync(new SyncOptions()).StatusAsync(cancellationToken).ConfigureAwait(false);
                return (SyncJson.Serialize(result), () => SyncText.Write(output, result));
            });

    private static Command Diagnose()
    {
        var remote = RemoteOption();
        var manifest = ProjectOptions.Manifest();
        var format = FormatOption();
        var command = new Command("diagnose", "Probe the bucket (conditional create, conditional overwrite, list after write) and say which sync modes are safe.")
        {
            remote, manifest, format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (OpenRemote(parse.GetValue(manifest)!, parse.GetValue(remote), error, requireLocalStore: false) is not { } opened)
            {
                return ExitCodes.BadInput;
            }

            using var disposer = opened.Remote as IDisposable;
            ProbeReport report;
            try
            {
                report = await BucketProbe.RunAsync(opened.Remote, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (Failure(e, opened.Remote) is { } sentence)
            {
                error.WriteLine($"error: {sentence}");
                return ExitCodes.RunFailed;
            }
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(SyncJson.Serialize(report));
            }
            else
            {
                SyncText.Write(output, report);
            }

            return report.MultiWriterSafe ? ExitCodes.Ok : ExitCodes.BadInput;
        });
        return command;
    }

    private delegate Task<(string Json, Action Text)> SyncAction(
        Func<SyncOptions, SyncClient> sync, ParseResult parse, TextWriter output, CancellationToken cancellationToken);

    private static Command Sub(string name, string description, SyncAction action, params Option[] extra)
    {
        var remote = RemoteOption();
        var manifest = ProjectOptions.Manifest();
        var format = FormatOption();
        var command = new Command(name, description) { remote, manifest, format };
        foreach (var option in extra)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (OpenRemote(parse.GetValue(manifest)!, parse.GetValue(remote), error, requireLocalStore: true) is not { } opened)
            {
                return ExitCodes.BadInput;
            }

            using var disposer = opened.Remote as IDisposable;
            try
            {
                var (json, text) = await action(
                    options => new SyncClient(opened.Remote, opened.Layout, options with { Progress = line => error.WriteLine("hakiri: " + line) }),
                    parse, output, cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(format) == "json")
                {
                    output.WriteLine(json);
                }
                else
                {
                    text();
                }

                return ExitCodes.Ok;
            }
            catch (SyncRefusedException e)
            {
                error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (Exception e) when (Failure(e, opened.Remote) is { } sentence)
            {
                error.WriteLine($"error: {sentence}");
                return ExitCodes.RunFailed;
            }
        });
        return command;
    }

    // A transfer that failed midway: the bucket's visible state is unchanged, so one sentence and exit 1.
    private static string? Failure(Exception e, IObjectStore remote) => e switch
    {
        InvalidDataException or TimeoutException or IOException => e.Message,
        Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or Azure.RequestFailedException or HttpRequestException =>
            $"{remote.Display} failed: {e.Message.TrimEnd('.')}; nothing of this command became visible — check the bucket, the credentials and the endpoint, then run it again.",
        _ => ObjectStores.Describe(e),
    };

    private static Option<string?> RemoteOption() => new("--remote")
    {
        Description = "The bucket to sync with (s3://bucket/prefix or azblob://container/prefix); overrides [project] remote.",
    };

    private static Option<string> FormatOption()
    {
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        return format;
    }

    private static (IObjectStore Remote, StoreLayout Layout)? OpenRemote(string manifestPath, string? remoteOption, TextWriter error, bool requireLocalStore)
    {
        if (ProjectOptions.LoadManifest(manifestPath, error) is not { } manifest)
        {
            return null;
        }

        if (manifest.Store is not LocalStoreLocation local)
        {
            if (requireLocalStore)
            {
                error.WriteLine($"error: the store {manifest.Store.Display} already lives in a bucket; hakiri sync shares a local store (set [project] store to a directory).");
                return null;
            }

            local = new LocalStoreLocation(Path.Combine(manifest.BaseDirectory, ".hakiri"));
        }

        var location = remoteOption is null ? manifest.Remote : StoreLocation.FromString(remoteOption);
        if (location is null or LocalStoreLocation)
        {
            error.WriteLine(location is null
                ? $"error: {manifestPath} sets no remote; add remote = \"s3://bucket/prefix\" under [project], or pass --remote s3://bucket/prefix."
                : $"error: --remote '{remoteOption}' is not a bucket; pass s3://bucket/prefix or azblob://container/prefix.");
            return null;
        }

        try
        {
            return (ObjectStores.Open(location)!, new StoreLayout(local.Directory));
        }
        catch (StoreOpenException e)
        {
            error.WriteLine($"error: {e.Message}");
            return null;
        }
    }
}
