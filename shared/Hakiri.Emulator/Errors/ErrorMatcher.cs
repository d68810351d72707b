namespace Hakiri.Emulator.Errors;

/// <summary>Whether a retrier's or catcher's ErrorEquals list matches an error name.</summary>
internal static class ErrorMatcher
{
    public static bool Matches(IReadOnlyList<string> errorEquals, string error)
    {
        if (error == StatesErrors.Runtime)
        {
            return false;
        }

        foreach (var name in errorEquals)
        {
            if (name == error || name == StatesErrors.All)
            {
                return true;
            }

            if (name == StatesErrors.TaskFailed && !IsTimeout(error))
            {
                return true;
            }

            // The specification defines States.Timeout as covering missed heartbeats too.
            if (name == StatesErrors.Timeout && error == StatesErrors.HeartbeatTimeout)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTimeout(string error) => error is StatesErrors.Timeout or StatesErrors.HeartbeatTimeout;
}
