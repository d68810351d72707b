namespace Hakiri.Emulator.Errors;

/// <summary>The error names the Amazon States Language predefines (all begin with <c>States.</c>).</summary>
public static class StatesErrors
{
    /// <summary>Matches every error name except <see cref="Runtime"/>; must appear alone, in the last retrier or catcher.</summary>
    public const string All = "States.ALL";

    /// <summary>A Task ran longer than TimeoutSeconds, or the execution longer than its TimeoutSeconds.</summary>
    public const string Timeout = "States.Timeout";

    /// <summary>A Task sent no heartbeat for longer than HeartbeatSeconds (a retrier or catcher on <see cref="Timeout"/> also matches it).</summary>
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";

    /// <summary>In Retry and Catch, matches every error name except the timeouts.</summary>
    public const string TaskFailed = "States.TaskFailed";

    /// <summary>A Task lacked the privileges to run its code.</summary>
    public const string Permissions = "States.Permissions";

    /// <summary>A ResultPath could not be applied to the state's input.</summary>
    public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";

    /// <summary>A <c>.$</c> path in a payload template did not resolve (the emulator reports <see cref="Runtime"/>, as Step Functions does).</summary>
    public const string ParameterPathFailure = "States.ParameterPathFailure";

    /// <summary>A branch of a Parallel state failed.</summary>
    public const string BranchFailed = "States.BranchFailed";

    /// <summary>No Choice rule matched and the Choice state has no Default.</summary>
    public const string NoChoiceMatched = "States.NoChoiceMatched";

    /// <summary>An intrinsic function was called with arguments it cannot work with.</summary>
    public const string IntrinsicFailure = "States.IntrinsicFailure";

    /// <summary>The execution could not go on (a path that selects nothing, a value of the wrong type); never retried or caught.</summary>
    public const string Runtime = "States.Runtime";
}
