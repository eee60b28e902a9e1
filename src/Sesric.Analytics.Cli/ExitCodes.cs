namespace Sesric.Analytics.Cli;

/// <summary>The process exit codes of <c>sesric</c>.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The input or the command line was wrong (bad file, bad rows, unknown option): the message says what to fix.</summary>
    public const int UserError = 1;

    /// <summary>A fault in sesric itself: please report it with the message printed.</summary>
    public const int InternalError = 2;

    /// <summary>Interrupted (Ctrl-C) before finishing; nothing of an unfinished write was kept.</summary>
    public const int Cancelled = 130;
}
