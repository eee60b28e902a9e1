using Spectre.Console;

namespace Sesric.Analytics.Cli.Hosting;

/// <summary>
/// Where a command writes: results (tables, CSV, JSON, summaries) to <see cref="Out"/>, problems and progress to
/// <see cref="Error"/>. Tests pass string writers; <see cref="FromProcess"/> wraps the real console.
/// </summary>
/// <param name="Out">Standard output: machine-readable results only.</param>
/// <param name="Error">Standard error: messages, problems and progress.</param>
/// <param name="OutIsTerminal">Whether standard output is a terminal (not redirected to a pipe or file).</param>
/// <param name="ErrorIsTerminal">Whether standard error is a terminal.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool OutIsTerminal, bool ErrorIsTerminal)
{
    /// <summary>The width tables are drawn at when standard output is not a terminal and a table is asked for explicitly.</summary>
    public const int RedirectedWidth = 200;

    /// <summary>The terminal's width in columns, when known better than Spectre's own detection (tests set it).</summary>
    public int? Width { get; init; }

    /// <summary>The process's own console.</summary>
    public static CliConsole FromProcess() =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected);

    /// <summary>A console over two writers that are not terminals (for tests and for embedding).</summary>
    public static CliConsole Captured(TextWriter output, TextWriter error) => new(output, error, false, false);

    /// <summary>Whether progress should be drawn live (both streams are terminals).</summary>
    public bool IsInteractive => OutIsTerminal && ErrorIsTerminal;

    /// <summary>A Spectre console that draws on standard output (tables).</summary>
    public IAnsiConsole CreateOutConsole() => Create(Out, OutIsTerminal);

    /// <summary>A Spectre console that draws on standard error (live progress).</summary>
    public IAnsiConsole CreateErrorConsole() => Create(Error, ErrorIsTerminal);

    private IAnsiConsole Create(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (Width is { } width)
        {
            console.Profile.Width = width;
        }
        else if (!terminal)
        {
            console.Profile.Width = RedirectedWidth;
        }
        return console;
    }
}
