namespace Hakiri.Emulator;

/// <summary>How one execution runs: its clock, its randomness and its names.</summary>
public sealed record ExecutionOptions
{
    /// <summary>
    /// The clock. Every wait, retry delay and timeout goes through it, so tests pass a manual clock and never sleep.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Seeds the execution's random numbers (retry jitter, States.MathRandom without a seed, States.UUID and the default
    /// execution name); <see langword="null"/> draws a fresh seed.
    /// </summary>
    public int? RandomSeed { get; init; }

    /// <summary>The execution's name (<c>$$.Execution.Name</c>); a random UUID when <see langword="null"/>.</summary>
    public string? ExecutionName { get; init; }

    /// <summary>The state machine's name (<c>$$.StateMachine.Name</c>).</summary>
    public string StateMachineName { get; init; } = "HakiriLocal";

    /// <summary>The region written into the ARN-shaped ids.</summary>
    public string Region { get; init; } = "local";

    /// <summary>The account written into the ARN-shaped ids.</summary>
    public string AccountId { get; init; } = "000000000000";

    /// <summary>The role written into <c>$$.Execution.RoleArn</c>.</summary>
    public string? RoleArn { get; init; }

    /// <summary>
    /// The most history events an execution may write before it fails with States.Runtime, as Step Functions limits a
    /// standard execution to 25,000; it stops runaway loops.
    /// </summary>
    public int MaxHistoryEvents { get; init; } = 25_000;
}
