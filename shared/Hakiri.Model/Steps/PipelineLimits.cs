namespace Hakiri.Model.Steps;

/// <summary>Limits every orchestrator of the pipeline shares (the ASL Map state and the Durable orchestrator).</summary>
public static class PipelineLimits
{
    /// <summary>Tables processed at once.</summary>
    public const int TableConcurrency = 4;
}
