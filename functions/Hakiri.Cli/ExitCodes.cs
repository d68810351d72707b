namespace Hakiri.Cli;

/// <summary>The process exit codes every command shares.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>A run started and failed (a source, a step, the store).</summary>
    public const int RunFailed = 1;

    /// <summary>Bad input or usage: nothing was changed.</summary>
    public const int BadInput = 2;
}
