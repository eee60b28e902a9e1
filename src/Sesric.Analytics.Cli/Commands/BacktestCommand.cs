using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Cli.Output;
using Sesric.Analytics.Forecasting.Backtesting;
using Sesric.Analytics.Forecasting.Candidates;
using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Forecasting.Nominations;

namespace Sesric.Analytics.Cli.Commands;

/// <summary>
/// <c>sesric backtest</c>: the rolling-origin backtest of every forecasting candidate, pooled over all programmes and
/// per programme, for participants and member states; the chosen candidate is marked. With <c>--kind nominations</c>:
/// the edition-by-edition backtest of the nomination show-up models (attendance MAE, MASE against the pooled rate,
/// interval coverage, Brier score and calibration error; the reliability table of the chosen model on stderr).
/// </summary>
public sealed class BacktestCommand : BaseCommand
{
    /// <summary>The example shown in <c>--help</c>.</summary>
    public const string Example = "sesric backtest --target participants --format csv";

    private readonly Option<string> _target = new Option<string>("--target")
    {
        Description = "Which figure: participants, member_states or all.",
        DefaultValueFactory = _ => "all",
    }.AcceptOnlyFromAmong("all", "participants", "member_states");

    private readonly Option<string> _kind = new Option<string>("--kind")
    {
        Description = "What to backtest: editions (the next-edition forecaster) or nominations (attendance from nomination lists).",
        DefaultValueFactory = _ => "editions",
    }.AcceptOnlyFromAmong("editions", "nominations");

    private readonly Option<bool> _pooledOnly = new("--pooled")
    {
        Description = "Only the pooled scores (all programmes together), not one row per programme.",
    };

    private readonly Option<OutputFormat?> _format = CommonOptions.CreateFormat();

    /// <summary>Creates the verb.</summary>
    public BacktestCommand(CliConsole console)
        : base("backtest", $"Backtest every forecasting candidate (rolling origin): MAE, MASE (below 1 beats naive) and sMAPE, pooled and per programme.\n\nExample:\n  {Example}", console)
    {
        Add(_kind);
        Add(_target);
        Add(_pooledOnly);
        Add(_format);
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        await using var store = await OpenStoreAsync(parseResult, cancellationToken).ConfigureAwait(false);
        if (parseResult.GetValue(_kind) == "nominations")
        {
            return await BacktestNominationsAsync(parseResult, store, cancellationToken).ConfigureAwait(false);
        }
        var forecaster = await JobProgress.RunAsync(Console, parseResult.GetValue(CommonOptions.Progress), "backtesting every candidate",
            _ => ForecastRun.TrainAsync(store, cancellationToken)).ConfigureAwait(false);
        var report = forecaster.Backtest
            ?? throw new InvalidOperationException("the forecaster was trained without a backtest.");
        var target = parseResult.GetValue(_target);
        var backtests = new[] { report.Participants, report.MemberStates }
            .Where(b => target == "all" || b.Target.Code() == target)
            .ToArray();
        var format = CommonOptions.FormatOf(parseResult, _format, Console);
        ToListing(backtests, parseResult.GetValue(_pooledOnly)).Write(format, Console);
        if (format.IsForPeople())
        {
            foreach (var b in backtests)
            {
                Console.Error.WriteLine($"{b.Target.Code()}: chose {b.Choice.Candidate} ({b.Choice.Reason}); {b.Origins} origins");
            }
            Console.Error.Flush();
        }
        return ExitCodes.Success;
    }

    private async Task<int> BacktestNominationsAsync(ParseResult parseResult, Storage.IAnalyticsStore store, CancellationToken cancellationToken)
    {
        var (catalogue, rows) = await NominationRun.LoadAsync(store, cancellationToken).ConfigureAwait(false);
        var history = NominationHistory.From(catalogue, rows);
        NominationBacktestReport report;
        try
        {
            report = await JobProgress.RunAsync(Console, parseResult.GetValue(CommonOptions.Progress), "backtesting the show-up models",
                _ => Task.FromResult(NominationBacktest.Run(history))).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            throw new UserErrorException($"{e.Message} Import participations with nominated_on dates and outcomes (sesric import participations).");
        }
        var format = CommonOptions.FormatOf(parseResult, _format, Console);
        NominationListings.Backtest(report, parseResult.GetValue(_pooledOnly)).Write(format, Console);
        if (format.IsForPeople())
        {
            Console.Error.WriteLine($"nominations: {report.Reason}");
            Console.Error.WriteLine($"reliability of {report.Chosen} (nominees binned by predicted probability):");
            NominationListings.Reliability(report).Write(format, Console with { Out = Console.Error, OutIsTerminal = Console.ErrorIsTerminal });
            Console.Error.Flush();
        }
        return ExitCodes.Success;
    }

    /// <summary>One row per target, programme ("all" for pooled) and candidate.</summary>
    internal static Listing ToListing(IReadOnlyList<TargetBacktest> backtests, bool pooledOnly)
    {
        var rows = new List<object?[]>();
        foreach (var b in backtests)
        {
            var scores = pooledOnly ? b.Candidates : b.Candidates.Concat(b.ByProgramme);
            foreach (var s in scores)
            {
                rows.Add(
                [
                    b.Target.Code(), s.Programme ?? "all", s.Candidate, s.Kind == CandidateKind.MachineLearning ? "ml.net" : "baseline", s.Points, s.FallbackPoints,
                    Math.Round(s.Mae, 2), s.Mase is { } m ? Math.Round(m, 3) : null, Math.Round(s.Smape, 1), s.BeatsNaive,
                    s.Candidate == b.Choice.Candidate,
                ]);
            }
        }
        return new Listing(
            [
                new("target", "Figure"), new("programme", "Programme"), new("candidate", "Candidate"), new("kind", "Kind"),
                new("points", "Points", true), new("fallback_points", "Naive fallbacks", true), new("mae", "MAE", true),
                new("mase", "MASE", true), new("smape", "sMAPE %", true), new("beats_naive", "Beats naive"), new("chosen", "Chosen"),
            ],
            rows);
    }
}
