using Hakiri.Sync;

namespace Hakiri.Cli.Output;

/// <summary>The text forms of sync's reports.</summary>
internal static class SyncText
{
    public static void Write(TextWriter output, PushResult result)
    {
        output.WriteLine(result.Committed
            ? $"pushed snapshot {result.Sequence} to {result.Remote}: {result.BlobsUploaded} file(s) uploaded, {Sizes.Format(result.BytesUploaded)}"
            : $"nothing to push to {result.Remote}" + (result.Sequence is { } s ? $" (snapshot {s} is current)" : string.Empty));
        WriteTables(output, result.Tables);
    }

    public static void Write(TextWriter output, PullResult result)
    {
        output.WriteLine(result.Sequence is null
            ? $"nothing to pull: {result.Remote} is empty (run 'hakiri sync push' on the install that has the data)"
            : $"pulled snapshot {result.Sequence} from {result.Remote}: {result.BlobsDownloaded} file(s) downloaded, {Sizes.Format(result.BytesDownloaded)}, {result.FilesDeleted} replaced file(s) removed");
        WriteTables(output, result.Tables);
    }

    public static void Write(TextWriter output, SyncStatusReport status)
    {
        output.WriteLine(status.Sequence is { } s ? $"{status.Remote}: snapshot {s}" : $"{status.Remote}: nothing pushed yet");
        output.WriteLine(status.Lease switch
        {
            null => "lease: free",
            { } lease when status.LeaseActive => $"lease: held by {lease.Holder} for {lease.Operation} until {lease.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z",
            { } lease => $"lease: free (last held by {lease.Holder}, ended {lease.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z)",
        });
        if (status.Tables.Count == 0)
        {
            output.WriteLine("No tables on either side.");
            return;
        }

        output.WriteLine($"{"table",-24} {"action",-13} {"synced",7} {"remote",7}  {"upload",-18} download");
        foreach (var t in status.Tables)
        {
            output.WriteLine($"{t.Table,-24} {t.Direction,-13} {Version(t.SyncedVersion),7} {Version(t.RemoteVersion),7}  "
                + $"{$"{t.FilesToUpload} file(s) {Sizes.Format(t.BytesToUpload)}",-18} {t.FilesToDownload} file(s) {Sizes.Format(t.BytesToDownload)}");
        }
    }

    public static void Write(TextWriter output, ProbeReport report)
    {
        output.WriteLine($"{report.Remote}:");
        foreach (var check in report.Checks)
        {
            output.WriteLine($"  {(check.Passed ? "ok  " : "FAIL")}  {check.Name,-22} {check.Detail}");
        }

        output.WriteLine($"single-writer sync (one install pushes, others pull): {(report.SingleWriterSafe ? "safe" : "NOT safe")}");
        output.WriteLine($"multi-writer sync (several installs push under the lease): {(report.MultiWriterSafe ? "safe" : "NOT safe — hakiri sync push refuses this bucket")}");
    }

    private static void WriteTables(TextWriter output, IReadOnlyList<SyncTableReport> tables)
    {
        foreach (var t in tables)
        {
            output.WriteLine($"  {t.Table}: {t.Outcome}{(t.Version is { } v ? $" (version {v}, {t.Rows} rows)" : string.Empty)}");
            if (t.Note is { } note)
            {
                output.WriteLine($"    {note}");
            }
        }
    }

    private static string Version(long? version) => version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}
