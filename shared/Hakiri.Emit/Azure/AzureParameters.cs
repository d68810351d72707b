namespace Hakiri.Emit.Azure;

/// <summary>A pipeline on a timer: the value of one entry of the module's <c>schedules</c> parameter.</summary>
/// <param name="Pipeline">The pipeline the timer starts.</param>
/// <param name="Expression">The six-field NCRONTAB expression.</param>
/// <param name="Written">The manifest's EventBridge expression it was translated from.</param>
public sealed record AzureSchedule(string Pipeline, string Expression, string Written);

/// <summary>The values <c>main.parameters.json</c> gives the fixed module <c>infra/azure/main.bicep</c>.</summary>
/// <param name="ProjectName">The project's name.</param>
/// <param name="Stage">The deployment stage.</param>
/// <param name="StoreContainer">The blob container of the store.</param>
/// <param name="StorePrefix">The blob name prefix of the store; may be empty.</param>
/// <param name="Schedules">The scheduled pipelines in manifest order, at most <see cref="AzureParameters.MaxSchedules"/>.</param>
public sealed record AzureParameters(string ProjectName, string Stage, string StoreContainer, string StorePrefix, IReadOnlyList<AzureSchedule> Schedules)
{
    /// <summary>The timer slots the function app has (<c>Schedule1</c>..<c>Schedule8</c>).</summary>
    public const int MaxSchedules = 8;

    /// <summary>The container a project whose manifest names no <c>azblob://</c> store gets.</summary>
    public const string DefaultContainer = "store";

    /// <summary>The store as the function app's <c>HAKIRI_STORE</c> setting names it.</summary>
    public string StoreUri => StorePrefix.Length == 0 ? $"azblob://{StoreContainer}" : $"azblob://{StoreContainer}/{StorePrefix}";
}
