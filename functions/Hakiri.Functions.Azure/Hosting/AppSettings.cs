using System.Globalization;
using Hakiri.Model.Manifests;

namespace Hakiri.Functions.Azure.Hosting;

/// <summary>
/// The function app's settings, as the Bicep module sets them: <c>HAKIRI_MANIFEST</c> (relative to the app's
/// directory), <c>HAKIRI_STORE</c> (<c>azblob://container/prefix</c>, or a directory for local tries) and the
/// schedule slots' <c>HAKIRI_SCHEDULE_&lt;n&gt;_PIPELINE</c>.
/// </summary>
internal sealed record AppSettings(string ManifestPath, StoreLocation? Store, Func<string, string?> Environment)
{
    /// <summary>Timer slots the app declares (<c>Schedule1</c>..<c>Schedule8</c>).</summary>
    public const int ScheduleSlots = 8;

    /// <summary>Reads the settings; <paramref name="appDirectory"/> anchors a relative manifest path.</summary>
    public static AppSettings FromEnvironment(Func<string, string?> environment, string appDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var manifest = environment("HAKIRI_MANIFEST");
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(manifest) ? "hakiri.toml" : manifest, appDirectory);
        StoreLocation? store = null;
        if (environment("HAKIRI_STORE") is { Length: > 0 } value)
        {
            store = value.StartsWith(AzureBlobStoreLocation.Scheme, StringComparison.Ordinal)
                ? AzureBlobStoreLocation.Parse(value)
                : new LocalStoreLocation(Path.GetFullPath(value, appDirectory));
        }

        return new AppSettings(path, store, environment);
    }

    /// <summary>The pipeline schedule slot <paramref name="slot"/> starts, or null when the slot is unused.</summary>
    public string? SchedulePipeline(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slot, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slot, ScheduleSlots);
        var name = Environment(string.Create(CultureInfo.InvariantCulture, $"HAKIRI_SCHEDULE_{slot}_PIPELINE"));
        return string.IsNullOrWhiteSpace(name) ? null : name.Trim();
    }
}
