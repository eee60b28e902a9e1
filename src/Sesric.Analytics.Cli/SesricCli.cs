using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

using Sesric.Analytics.Cli.Commands;
using Sesric.Analytics.Cli.Hosting;

namespace Sesric.Analytics.Cli;

/// <summary>Builds the <c>sesric</c> command tree and runs a command line against a given console.</summary>
public static class SesricCli
{
    /// <summary>The root command with every verb, writing to <paramref name="console"/>.</summary>
    /// <param name="console">Where output goes.</param>
    /// <param name="model">The model whose measures the help lists (null: the built-in one); see <see cref="RunAsync"/>.</param>
    public static RootCommand CreateRootCommand(CliConsole console, Semantic.SemanticModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = new RootCommand("sesric: participation analytics for SESRIC's capacity-building programmes for the OIC member states.");
        CommonOptions.AddTo(root);
        root.Add(new EditionsCommand(console));
        root.Add(new MemberStatesCommand(console));
        root.Add(new StatsCommand(console));
        root.Add(new ModelCommand(console));
        root.Add(new ImportCommand(console));
        root.Add(new ExportCommand(console));
        root.Add(new GenerateCommand(console));
        root.Add(new QueryCommand(console, model));
        root.Add(new ChartCommand(console));
        root.Add(new ReportCommand(console));
        root.Add(new ForecastCommand(console));
        root.Add(new BacktestCommand(console));
        root.Add(new ServeCommand(console));
        root.Add(new KeysCommand(console));
        root.Add(new MigrateStoreCommand(console));
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen verb; returns its exit code.</summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <param name="console">Where output goes.</param>
    /// <param name="handleTermination">Let Ctrl-C / SIGTERM cancel the command (the real process); off in tests.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    public static Task<int> RunAsync(string[] args, CliConsole console, bool handleTermination = false, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
        };
        if (!handleTermination)
        {
            configuration.ProcessTerminationTimeout = null;
        }
        var parseResult = CreateRootCommand(console).Parse(args);
        if (parseResult.Action is HelpAction && parseResult.GetValue(CommonOptions.Model) is { Length: > 0 })
        {
            // Help is written from the command tree, built before the command line is read: to list a model file's measures
            // (sesric query --help --model FILE), build the tree again with that model. A bad file is reported as anywhere.
            Semantic.SemanticModel model;
            try
            {
                model = CommonOptions.ModelOf(parseResult);
            }
            catch (Semantic.ModelFileException e)
            {
                console.Error.WriteLine($"sesric: {UserMessages.Of(e)}");
                console.Error.Flush();
                return Task.FromResult(ExitCodes.UserError);
            }
            parseResult = CreateRootCommand(console, model).Parse(args);
        }
        if (parseResult.Errors.Count > 0 && parseResult.Action is ParseErrorAction)
        {
            return Task.FromResult(ReportParseErrors(parseResult, console));
        }
        if (parseResult.GetValue(CommonOptions.Trace) is { Length: > 0 } tracePath)
        {
            return InvokeTracedAsync(parseResult, configuration, tracePath, console, cancellationToken);
        }
        return parseResult.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Runs the command inside a root span named after its path and writes the spans to <paramref name="tracePath"/>.</summary>
    private static async Task<int> InvokeTracedAsync(ParseResult parseResult, InvocationConfiguration configuration, string tracePath, CliConsole console, CancellationToken cancellationToken)
    {
        var path = new List<string>();
        for (var command = parseResult.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
        {
            path.Insert(0, command.Command is RootCommand ? "sesric" : command.Command.Name);
        }
        using var recorder = new TraceRecorder(string.Join(' ', path));
        var exitCode = await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        try
        {
            await recorder.WriteAsync(tracePath, exitCode, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"sesric: --trace: could not write {tracePath}: {e.Message}");
            return exitCode == ExitCodes.Success ? ExitCodes.UserError : exitCode;
        }
        return exitCode;
    }

    /// <summary>Says what is wrong with the command line in the user's terms (never .NET's type names), and where help is.</summary>
    private static int ReportParseErrors(ParseResult parseResult, CliConsole console)
    {
        foreach (var problem in UserMessages.Of(parseResult))
        {
            console.Error.WriteLine($"sesric: {problem}");
        }
        if (parseResult.UnmatchedTokens.Contains(CommonOptions.Model.Name))
        {
            console.Error.WriteLine($"sesric: --model is taken only by the verbs that compute measures ({CommonOptions.ModelVerbs}); this one never reads a model.");
        }
        var path = new List<string>();
        for (var command = parseResult.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
        {
            path.Insert(0, command.Command is RootCommand ? "sesric" : command.Command.Name);
        }
        console.Error.WriteLine($"sesric: see '{string.Join(' ', path)} --help'.");
        console.Error.Flush();
        return ExitCodes.UserError;
    }
}
