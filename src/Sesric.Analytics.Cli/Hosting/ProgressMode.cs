namespace Sesric.Analytics.Cli.Hosting;

/// <summary>When long commands show progress.</summary>
public enum ProgressMode
{
    /// <summary>Only when standard error and standard output are terminals (never on a pipe or in a file).</summary>
    Auto,

    /// <summary>Always: a live display on a terminal, plain lines otherwise (for scripts that watch a long import).</summary>
    Always,

    /// <summary>Never.</summary>
    Never,
}
