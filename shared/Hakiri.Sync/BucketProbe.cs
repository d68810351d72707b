using Hakiri.Store.Objects;

namespace Hakiri.Sync;

/// <summary>One check <c>hakiri sync diagnose</c> made.</summary>
/// <param name="Name">What was checked.</param>
/// <param name="Passed">Whether the bucket behaved as sync needs.</param>
/// <param name="Detail">What happened.</param>
public sealed record ProbeCheck(string Name, bool Passed, string Detail);

/// <summary>What a bucket guarantees, and which sync modes are therefore safe.</summary>
/// <param name="Remote">The bucket.</param>
/// <param name="Checks">The checks, in the order made.</param>
public sealed record ProbeReport(string Remote, IReadOnlyList<ProbeCheck> Checks)
{
    /// <summary>One install pushes, others only pull: needs read-after-write and list-after-write.</summary>
    public bool SingleWriterSafe => Checks.Where(c => c.Name is ProbeChecks.ReadAfterWrite or ProbeChecks.ListAfterWrite).All(c => c.Passed);

    /// <summary>Several installs push under the lease: needs everything, conditional writes above all.</summary>
    public bool MultiWriterSafe => Checks.All(c => c.Passed);
}

/// <summary>The names of the probe's checks.</summary>
public static class ProbeChecks
{
    /// <summary>A written object reads back with the same bytes.</summary>
    public const string ReadAfterWrite = "read after write";

    /// <summary>A second create with If-None-Match: * fails.</summary>
    public const string ConditionalCreate = "conditional create";

    /// <summary>A replace with a stale If-Match fails, with the current one succeeds.</summary>
    public const string ConditionalOverwrite = "conditional overwrite";

    /// <summary>A written object is listed at once.</summary>
    public const string ListAfterWrite = "list after write";
}

/// <summary>
/// Probes a bucket under a scratch prefix (<c>diagnose/&lt;random&gt;/</c>), then removes what it wrote: the
/// conditions the lease and the HEAD pointer rely on, and the consistency pulls rely on.
/// </summary>
public static class BucketProbe
{
    /// <summary>Runs every check against <paramref name="remote"/>.</summary>
    public static async Task<ProbeReport> RunAsync(IObjectStore remote, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var documents = new RemoteDocuments(remote);
        var type = SyncJsonContext.Default.ProbeDocument;
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        var key = $"{SyncProtocol.DiagnosePrefix}{Guid.NewGuid():N}/probe.json";
        var checks = new List<ProbeCheck>();
        try
        {
            var first = await documents.WriteAsync(key, new ProbeDocument("first", now), type, PutCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
            var (read, readTag) = await documents.ReadAsync(key, type, cancellationToken).ConfigureAwait(false);
            checks.Add(new ProbeCheck(ProbeChecks.ReadAfterWrite, read?.Probe == "first",
                read?.Probe == "first" ? "the object read back as written" : "the object did not read back as written"));

            checks.Add(await ExpectRefusalAsync(ProbeChecks.ConditionalCreate, "a second create with If-None-Match: *",
                () => documents.WriteAsync(key, new ProbeDocument("second", now), type, PutCondition.CreateOnly, cancellationToken)).ConfigureAwait(false));

            var current = (await documents.ReadAsync(key, type, cancellationToken).ConfigureAwait(false)).ETag ?? readTag ?? first;
            var replaced = await documents.WriteAsync(key, new ProbeDocument("third", now), type, PutCondition.ReplaceVersion(current), cancellationToken).ConfigureAwait(false);
            var overwrite = await ExpectRefusalAsync(ProbeChecks.ConditionalOverwrite, "a replace with a stale If-Match",
                () => documents.WriteAsync(key, new ProbeDocument("fourth", now), type, PutCondition.ReplaceVersion(current), cancellationToken)).ConfigureAwait(false);
            checks.Add(overwrite.Passed && replaced != current ? overwrite : overwrite with { Passed = false });

            var listed = (await remote.ListAsync(key, cancellationToken).ConfigureAwait(false)).Any(o => o.Key == key);
            checks.Add(new ProbeCheck(ProbeChecks.ListAfterWrite, listed, listed ? "the object was listed at once" : "the object was not listed right after it was written"));
        }
        catch (PreconditionFailedException e)
        {
            checks.Add(new ProbeCheck("probe", false, $"a put that should have succeeded was refused ({e.Message})"));
        }
        finally
        {
            await remote.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
        }

        return new ProbeReport(remote.Display, checks);
    }

    private static async Task<ProbeCheck> ExpectRefusalAsync(string name, string what, Func<Task<string>> put)
    {
        try
        {
            await put().ConfigureAwait(false);
            return new ProbeCheck(name, false, $"{what} succeeded: the bucket ignores the condition");
        }
        catch (PreconditionFailedException)
        {
            return new ProbeCheck(name, true, $"{what} was refused");
        }
    }
}
