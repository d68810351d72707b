namespace Hakiri.Emulator.History;

/// <summary>The type of a history event, named as in Step Functions' GetExecutionHistory.</summary>
public enum HistoryEventType
{
    /// <summary>The execution began.</summary>
    ExecutionStarted,

    /// <summary>The execution ended successfully.</summary>
    ExecutionSucceeded,

    /// <summary>The execution ended with an error.</summary>
    ExecutionFailed,

    /// <summary>The execution ran past its TimeoutSeconds.</summary>
    ExecutionTimedOut,

    /// <summary>The execution was stopped (its cancellation token fired).</summary>
    ExecutionAborted,

    /// <summary>A Pass state began.</summary>
    PassStateEntered,

    /// <summary>A Pass state finished.</summary>
    PassStateExited,

    /// <summary>A Task state began.</summary>
    TaskStateEntered,

    /// <summary>A Task state finished.</summary>
    TaskStateExited,

    /// <summary>A Task state was stopped because a sibling branch failed or the execution stopped.</summary>
    TaskStateAborted,

    /// <summary>A task attempt was scheduled.</summary>
    TaskScheduled,

    /// <summary>A task attempt started.</summary>
    TaskStarted,

    /// <summary>A task attempt returned a result.</summary>
    TaskSucceeded,

    /// <summary>A task attempt failed.</summary>
    TaskFailed,

    /// <summary>A task attempt ran past TimeoutSeconds or missed its heartbeat.</summary>
    TaskTimedOut,

    /// <summary>A Lambda function (Resource is a function ARN) was scheduled.</summary>
    LambdaFunctionScheduled,

    /// <summary>A Lambda function started.</summary>
    LambdaFunctionStarted,

    /// <summary>A Lambda function returned a result.</summary>
    LambdaFunctionSucceeded,

    /// <summary>A Lambda function failed.</summary>
    LambdaFunctionFailed,

    /// <summary>A Lambda function ran past TimeoutSeconds.</summary>
    LambdaFunctionTimedOut,

    /// <summary>A Choice state began.</summary>
    ChoiceStateEntered,

    /// <summary>A Choice state chose.</summary>
    ChoiceStateExited,

    /// <summary>A Wait state began.</summary>
    WaitStateEntered,

    /// <summary>A Wait state finished waiting.</summary>
    WaitStateExited,

    /// <summary>A Wait state was stopped.</summary>
    WaitStateAborted,

    /// <summary>A Succeed state began.</summary>
    SucceedStateEntered,

    /// <summary>A Succeed state finished.</summary>
    SucceedStateExited,

    /// <summary>A Fail state began (the execution or branch fails next).</summary>
    FailStateEntered,

    /// <summary>A Parallel state began.</summary>
    ParallelStateEntered,

    /// <summary>A Parallel state finished.</summary>
    ParallelStateExited,

    /// <summary>A Parallel state started its branches.</summary>
    ParallelStateStarted,

    /// <summary>Every branch of a Parallel state succeeded.</summary>
    ParallelStateSucceeded,

    /// <summary>A branch of a Parallel state failed.</summary>
    ParallelStateFailed,

    /// <summary>A Parallel state was stopped.</summary>
    ParallelStateAborted,

    /// <summary>A Map state began.</summary>
    MapStateEntered,

    /// <summary>A Map state finished.</summary>
    MapStateExited,

    /// <summary>A Map state started its iterations.</summary>
    MapStateStarted,

    /// <summary>Every iteration of a Map state succeeded.</summary>
    MapStateSucceeded,

    /// <summary>An iteration of a Map state failed.</summary>
    MapStateFailed,

    /// <summary>A Map state was stopped.</summary>
    MapStateAborted,

    /// <summary>A Map iteration began.</summary>
    MapIterationStarted,

    /// <summary>A Map iteration succeeded.</summary>
    MapIterationSucceeded,

    /// <summary>A Map iteration failed.</summary>
    MapIterationFailed,

    /// <summary>A Map iteration was stopped because another failed or the execution stopped.</summary>
    MapIterationAborted,
}
