using System.CommandLine;
using System.Globalization;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Cli.Output;
using Sesric.Analytics.Forecasting;
using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Forecasting.Nominations;
using Sesric.Analytics.Forecasting.Scenarios;
using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting;
using Sesric.Analytics.Reporting.Theming;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Cli.Commands;

/// <summary>
/// <c>sesric forecast</c>: the next edition of a programme, under an optional scenario: point forecasts of participants
/// and member states, 80% and 95% intervals, the model chosen and its backtest beside naive's. With
/// <c>--nominations FILE</c>: the attendance of the edition the file nominates to, from its nomination list; with
/// <c>--as-of DATE</c>: using nothing recorded after that day.
/// </summary>
public sealed class ForecastCommand : BaseCommand
{
    /// <summary>The example shown in <c>--help</c>.</summary>
    public const string Example = "sesric forecast --programme diplomacy-cab --scenario modality=in_person,duration=5";

    private readonly Option<string> _programme = new("--programme", "-p")
    {
        Description = "The programme's id, such as diplomacy-cab.",
        Required = true,
    };

    private readonly Option<string[]> _scenario = new("--scenario", "-s")
    {
        Description = $"What-if assumptions for the next edition as field=value pairs ({string.Join(", ", Scenario.FieldNames)}); repeat for several scenarios.",
    };

    private readonly Option<FileInfo?> _chart = new("--chart")
    {
        Description = "Also draw the participants history and forecast band (80%) to this .png or .svg (first scenario); with --nominations, the nominations received over the window and the attendance expected from them.",
        HelpName = "FILE",
    };

    private readonly Option<FileInfo?> _nominations = new("--nominations")
    {
        Description = "Forecast attendance from this nomination list (the participations format, every row with nominated_on, one edition of the programme).",
        HelpName = "FILE",
    };

    private readonly Option<string?> _asOf = new("--as-of")
    {
        Description = "Use nothing recorded after this day (yyyy-MM-dd): only editions over before it, only nominations received by it. Default: the list's last nomination date, or today.",
        HelpName = "DATE",
    };

    private readonly Option<bool> _perNominee = new("--per-nominee")
    {
        Description = "With --nominations: also print each nominee's probability of attending (per-person data: needs --policy internal).",
    };

    private readonly Option<string> _policy = new Option<string>("--policy")
    {
        Description = "Disclosure policy of per-person output: public (none) or internal.",
        DefaultValueFactory = _ => "public",
    }.AcceptOnlyFromAmong("public", "internal");

    private readonly Option<OutputFormat?> _format = CommonOptions.CreateFormat();

    /// <summary>Creates the verb.</summary>
    public ForecastCommand(CliConsole console)
        : base("forecast", $"Forecast a programme's next edition (participants and member states) with intervals, the chosen model and its backtest.\n\nExample:\n  {Example}", console)
    {
        Add(_programme);
        Add(_scenario);
        Add(_chart);
        Add(_nominations);
        Add(_asOf);
        Add(_perNominee);
        Add(_policy);
        Add(_format);
        CommonOptions.AddModelTo(this);
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var programme = Programmes.Parse(parseResult.GetValue(_programme));
        var asOf = NominationRun.ParseAsOf(parseResult.GetValue(_asOf));
        // The chart's history is a query of the model (--model): read it first, so a bad file fails before any training.
        var model = CommonOptions.ModelOf(parseResult);
        if (parseResult.GetValue(_nominations) is { } list)
        {
            return await ForecastNominationsAsync(parseResult, programme, list, asOf, cancellationToken).ConfigureAwait(false);
        }
        if (parseResult.GetValue(_perNominee))
        {
            throw new UserErrorException("--per-nominee needs --nominations FILE.");
        }
        if (asOf is { } day)
        {
            return await ForecastAsOfAsync(parseResult, programme, day, cancellationToken).ConfigureAwait(false);
        }
        var scenarios = (parseResult.GetValue(_scenario) ?? []).Select(ParseScenario).ToList();
        if (scenarios.Count == 0)
        {
            scenarios.Add(Scenario.AsAssumed);
        }
        var chart = ChartFile(parseResult);
        await using var store = await OpenStoreAsync(parseResult, cancellationToken).ConfigureAwait(false);
        var forecaster = await JobProgress.RunAsync(Console, parseResult.GetValue(CommonOptions.Progress), "training the forecaster",
            _ => ForecastRun.TrainAsync(store, cancellationToken)).ConfigureAwait(false);
        var forecasts = scenarios.Select(s => forecaster.Forecast(programme, s)).ToArray();
        var format = CommonOptions.FormatOf(parseResult, _format, Console);
        ToListing(forecasts, withReason: !format.IsForPeople()).Write(format, Console);
        if (format.IsForPeople())
        {
            foreach (var f in forecasts)
            {
                var e = f.Edition;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{f.Programme} edition {e.Edition.Number} ({e.Year}), scenario '{Describe(f.Scenario)}': model {f.ModelVersion}"));
                foreach (var t in new[] { f.Participants, f.MemberStates }.OfType<TargetForecast>())
                {
                    Console.Error.WriteLine($"  {t.Target.Code()}: {t.Choice.Reason}");
                }
                foreach (var note in f.Notes)
                {
                    Console.Error.WriteLine($"  note: {note}");
                }
            }
            Console.Error.Flush();
        }
        if (chart is not null)
        {
            await WriteChartAsync(store, model, forecaster, programme, scenarios[0], chart, cancellationToken).ConfigureAwait(false);
        }
        return ExitCodes.Success;
    }

    private async Task<int> ForecastNominationsAsync(ParseResult parseResult, ProgrammeId programme, FileInfo list, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var chart = ChartFile(parseResult);
        var perNominee = parseResult.GetValue(_perNominee);
        if (perNominee && parseResult.GetValue(_policy) != "internal")
        {
            throw new UserErrorException("--per-nominee prints per-person probabilities: add --policy internal (for analysts with access to the registry).");
        }
        await using var store = await OpenStoreAsync(parseResult, cancellationToken).ConfigureAwait(false);
        var (catalogue, rows) = await NominationRun.LoadAsync(store, cancellationToken).ConfigureAwait(false);
        var (edition, nominations) = NominationRun.ReadList(list, catalogue, programme);
        var day = asOf ?? nominations.Max(n => n.NominatedOn!.Value);
        var history = NominationHistory.From(catalogue, rows);
        var forecaster = await JobProgress.RunAsync(Console, parseResult.GetValue(CommonOptions.Progress), "training the show-up model",
            _ => Task.FromResult(NominationRun.Train(history, day))).ConfigureAwait(false);
        var nominees = NominationHistory.ForEdition(catalogue, edition, nominations, rows);
        var forecast = forecaster.Forecast(edition, nominees);
        var format = CommonOptions.FormatOf(parseResult, _format, Console);
        (perNominee ? NominationListings.PerNominee(forecast) : NominationListings.Forecast(forecast)).Write(format, Console);
        if (format.IsForPeople())
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{edition.Id}: {forecast.Nominations} nomination(s) received by {day:yyyy-MM-dd}{(forecast.NominationsAfterAsOf > 0 ? $" ({forecast.NominationsAfterAsOf} dated later left out)" : "")}; model: {forecast.ModelDescription}"));
            Console.Error.WriteLine($"  {forecast.Reason}");
            Console.Error.Flush();
        }
        if (chart is not null)
        {
            await WriteWindowChartAsync(forecaster, edition, nominees, chart, cancellationToken).ConfigureAwait(false);
        }
        return ExitCodes.Success;
    }

    /// <summary>The nomination window week by week (from the first nomination to the as-of day): received, and expected attendance.</summary>
    private async Task WriteWindowChartAsync(TrainedNominationForecaster forecaster, Edition edition, IReadOnlyList<Nominee> nominees, FileInfo chart, CancellationToken cancellationToken)
    {
        var counted = nominees.Where(n => n.NominatedOn <= forecaster.AsOf).ToArray();
        if (counted.Length == 0)
        {
            throw new UserErrorException(string.Create(CultureInfo.InvariantCulture, $"--chart: no nomination was received by {forecaster.AsOf:yyyy-MM-dd}; nothing to draw."));
        }
        var days = new List<DateOnly>();
        for (var day = counted.Min(n => n.NominatedOn); day < forecaster.AsOf; day = day.AddDays(7))
        {
            days.Add(day);
        }
        days.Add(forecaster.AsOf);
        var points = days.Select(day =>
        {
            var f = forecaster.Forecast(edition, counted.Where(n => n.NominatedOn <= day).ToArray());
            return new Reporting.Planning.NominationWindowPoint(day, f.Nominations, f.Attendance.Expected, f.Attendance.Lower80, f.Attendance.Upper80, f.Attendance.Lower95, f.Attendance.Upper95);
        }).ToArray();
        var window = Reporting.Planning.NominationWindowChart.Build(edition.Id.ToString(), points);
        await WriteChartFileAsync(chart, () => window.RenderSvg(Theme.Default, Language.English), () => window.RenderPng(Theme.Default, Language.English), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a chart as SVG or PNG by the file's extension (checked by <see cref="ChartFile"/>) and says where.</summary>
    private async Task WriteChartFileAsync(FileInfo chart, Func<string> svg, Func<byte[]> png, CancellationToken cancellationToken)
    {
        chart.Directory?.Create();
        if (chart.Extension.Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            await File.WriteAllTextAsync(chart.FullName, svg(), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await File.WriteAllBytesAsync(chart.FullName, png(), cancellationToken).ConfigureAwait(false);
        }
        Console.Error.WriteLine($"chart: {chart.FullName}");
        Console.Error.Flush();
    }

    private FileInfo? ChartFile(ParseResult parseResult)
    {
        var chart = parseResult.GetValue(_chart);
        if (chart is not null && chart.Extension.ToLowerInvariant() is not (".png" or ".svg"))
        {
            throw new UserErrorException($"--chart '{chart.Name}': name the file .png or .svg.");
        }
        return chart;
    }

    private async Task<int> ForecastAsOfAsync(ParseResult parseResult, ProgrammeId programme, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var store = await OpenStoreAsync(parseResult, cancellationToken).ConfigureAwait(false);
        var dataset = await ForecastDataset.FromStoreAsync(store, cancellationToken).ConfigureAwait(false);
        var forecasts = new[] { ForecastTarget.Participants, ForecastTarget.MemberStates }
            .Select(t => AsOfForecast.NextEditionAsOf(dataset, programme, asOf, t, ForecastOptions.Default, TimeProvider.System))
            .OfType<NextEditionForecast>().ToArray();
        if (forecasts.Length == 0)
        {
            throw new UserErrorException(string.Create(CultureInfo.InvariantCulture, $"--as-of {asOf:yyyy-MM-dd}: {programme} has too little history over by then to forecast from."));
        }
        var listing = new Listing(
            [
                new("programme", "Programme"), new("as_of", "As of"), new("year", "Year", true), new("target", "Figure"), new("forecast", "Forecast", true),
                new("lower_80", "80% low", true), new("upper_80", "80% high", true), new("lower_95", "95% low", true), new("upper_95", "95% high", true),
                new("model", "Model"), new("year_basis", "Year from"),
            ],
            forecasts.Select(f => new object?[]
            {
                f.Programme.Value, asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), f.Year, f.Target, Round(f.Point),
                Round(f.Lower80), Round(f.Upper80), Round(f.Lower95), Round(f.Upper95), f.Method, f.YearBasis,
            }).ToArray());
        listing.Write(CommonOptions.FormatOf(parseResult, _format, Console), Console);
        return ExitCodes.Success;
    }

    /// <summary>One row per scenario and figure.</summary>
    internal static Listing ToListing(IReadOnlyList<Forecast> forecasts, bool withReason)
    {
        var rows = new List<object?[]>();
        foreach (var f in forecasts)
        {
            foreach (var t in new[] { f.Participants, f.MemberStates })
            {
                if (t is null)
                {
                    continue;
                }
                rows.Add(
                [
                    f.Programme.Value, Describe(f.Scenario), f.Edition.Edition.Number, f.Edition.Year, t.Target.Code(),
                    Round(t.Point), Round(t.Interval80.Lower), Round(t.Interval80.Upper), Round(t.Interval95.Lower), Round(t.Interval95.Upper),
                    t.Interval80.MeasuredCoverage is { } c80 ? Math.Round(c80, 3) : null,
                    t.Interval95.MeasuredCoverage is { } c95 ? Math.Round(c95, 3) : null,
                    t.Choice.Candidate, Round(t.Backtest.Mae), t.Backtest.Mase is { } m ? Math.Round(m, 3) : null, Round(t.NaiveBacktest.Mae),
                    t.Backtest.Points, t.Choice.Reason,
                ]);
            }
        }
        var listing = new Listing(
            [
                new("programme", "Programme"), new("scenario", "Scenario"), new("edition", "Ed.", true), new("year", "Year", true),
                new("target", "Figure"), new("forecast", "Forecast", true),
                new("lower_80", "80% low", true), new("upper_80", "80% high", true), new("lower_95", "95% low", true), new("upper_95", "95% high", true),
                new("coverage_80", "80% coverage (backtest)", true), new("coverage_95", "95% coverage (backtest)", true),
                new("model", "Model"), new("backtest_mae", "Backtest MAE", true), new("backtest_mase", "MASE", true), new("naive_mae", "Naive MAE", true),
                new("backtest_points", "Backtest points", true), new("reason", "Why this model"),
            ],
            rows);
        return withReason ? listing : listing with { Columns = listing.Columns.SkipLast(1).ToArray(), Rows = rows.Select(r => r[..^1]).ToArray() };
    }

    private static double Round(double value) => Math.Round(value, 1);

    private static string Describe(Scenario scenario) => scenario.ToString() is { Length: > 0 } s ? s : "as assumed";

    private static Scenario ParseScenario(string text)
    {
        try
        {
            return Scenario.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new UserErrorException($"--scenario '{text}': {e.Message}");
        }
    }

    private async Task WriteChartAsync(Storage.IAnalyticsStore store, SemanticModel model, TrainedForecaster forecaster, ProgrammeId programme, Scenario scenario, FileInfo chart, CancellationToken cancellationToken)
    {
        var series = forecaster.Chart(programme, ForecastTarget.Participants, scenario);
        var visual = new Visual("forecast", MarkKind.Line, "participants", "year", Forecast: true,
            Title: new LocalizedText($"Participants per edition and next-edition forecast, {programme}"));
        var query = SemanticQuery.Of("participants").By("year").Where(FilterExpression.Equal("programme", programme.ToString()));
        var table = await new QueryEngine(store, model).ExecuteAsync(query, cancellationToken).ConfigureAwait(false);
        var options = new ChartOptions(Forecast: ForecastBand.From(series.NextEdition));
        await WriteChartFileAsync(
            chart,
            () => ReportRenderer.RenderSvg(visual, table, Theme.Default, Language.English, options),
            () => ReportRenderer.RenderPng(visual, table, Theme.Default, Language.English, options),
            cancellationToken).ConfigureAwait(false);
    }
}
