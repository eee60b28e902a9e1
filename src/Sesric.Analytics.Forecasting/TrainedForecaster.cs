using System.Globalization;

using Microsoft.ML;

using Sesric.Analytics.Forecasting.Backtesting;
using Sesric.Analytics.Forecasting.Candidates;
using Sesric.Analytics.Forecasting.Charts;
using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Forecasting.Features;
using Sesric.Analytics.Forecasting.Intervals;
using Sesric.Analytics.Forecasting.Persistence;
using Sesric.Analytics.Forecasting.Scenarios;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting;

/// <summary>
/// A trained forecaster: for each target, the chosen candidate (fitted on every edition when it is an ML.NET model),
/// its backtest scores and its interval widths. Forecasts a programme's next edition under any scenario.
/// </summary>
/// <remarks>
/// Made by <see cref="Forecaster.Train"/> or loaded by <see cref="ForecastModelFiles.Load"/>. Forecasts read the
/// programme's history from <see cref="Dataset"/>; the model card's data hash equals the dataset's.
/// </remarks>
/// <threadsafety>Safe to share: forecasting creates its own ML.NET context per call and mutates nothing.</threadsafety>
public sealed class TrainedForecaster
{
    private readonly IReadOnlyDictionary<ForecastTarget, ITransformer?> _models;
    private readonly TimeProvider _clock;

    internal TrainedForecaster(ForecastDataset dataset, ModelCard card, IReadOnlyDictionary<ForecastTarget, ITransformer?> models, BacktestReport? backtest, TimeProvider clock)
    {
        Dataset = dataset;
        Card = card;
        _models = models;
        Backtest = backtest;
        _clock = clock;
    }

    /// <summary>The history it forecasts from.</summary>
    public ForecastDataset Dataset { get; }

    /// <summary>The model card: options, feature columns, candidates' scores, choices, intervals.</summary>
    public ModelCard Card { get; }

    /// <summary>The full backtest (every forecast, per-programme tables) when trained in this process; null when loaded from files (the card keeps the summary).</summary>
    public BacktestReport? Backtest { get; }

    /// <summary>The programmes it can forecast.</summary>
    public IReadOnlyList<ProgrammeId> Programmes => Dataset.Programmes;

    /// <summary>The model card's part for <paramref name="target"/>.</summary>
    public TargetCard CardFor(ForecastTarget target) => Card.Targets.First(t => t.Target == target);

    /// <summary>Forecasts the next edition of <paramref name="programme"/> (a slug such as <c>diplomacy-cab</c>).</summary>
    /// <exception cref="ArgumentException">The programme is not a slug or is unknown (ParamName <c>programme</c>), or a scenario field is bad (ParamName names it).</exception>
    public Forecast Forecast(string programme, Scenario? scenario = null) => Forecast(ParseProgramme(programme), scenario);

    /// <summary>Forecasts the next edition of <paramref name="programme"/> under <paramref name="scenario"/> (null: as assumed).</summary>
    /// <exception cref="ArgumentException">The programme is unknown (ParamName <c>programme</c>), or a scenario field is bad (ParamName names it).</exception>
    public Forecast Forecast(ProgrammeId programme, Scenario? scenario = null)
    {
        if (!Dataset.Contains(programme))
        {
            throw new ArgumentException(
                $"unknown programme '{programme}'; known programmes: {string.Join(", ", Dataset.Programmes)}.", nameof(programme));
        }
        scenario ??= Scenario.AsAssumed;
        var edition = NextEdition.Resolve(Dataset, programme, scenario, DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime));
        var observation = new EditionObservation(edition.Edition, edition.Year, edition.Modality, edition.DurationDays, edition.Month,
            edition.Partners, edition.EligibleStates, null, null, AttendanceSource.None, AttendanceSource.None);
        var notes = new List<string>();
        var participants = ForecastFigure(ForecastTarget.Participants, observation, notes);
        var states = ForecastFigure(ForecastTarget.MemberStates, observation, notes);
        if (participants is null && states is null)
        {
            throw new ArgumentException(
                $"programme '{programme}' has no recorded attendance (registry or published) to forecast from.", nameof(programme));
        }
        if (scenario != Scenario.AsAssumed)
        {
            ExplainScenario(programme, scenario, [participants, states], notes);
        }
        return new Forecast(programme, scenario, edition, participants, states, Card.ModelVersion, notes);
    }

    /// <summary>
    /// Says what a scenario did: a chosen model without covariates answers the same number, and the note says which of
    /// the scenario's fields it does not use; a model with covariates shows the change against the forecast as assumed,
    /// with both intervals.
    /// </summary>
    private void ExplainScenario(ProgrammeId programme, Scenario scenario, TargetForecast?[] figures, List<string> notes)
    {
        var fields = ScenarioFields(scenario);
        Forecast? assumed = null;
        foreach (var figure in figures.OfType<TargetForecast>())
        {
            var candidate = CandidateCatalog.Get(figure.Choice.Candidate);
            if (candidate is BaselineCandidate)
            {
                var name = figure.Choice.Candidate == CandidateCatalog.Ses ? "simple exponential smoothing" : candidate.Info.Description;
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{figure.Target.Code()}: the chosen model ({name}) does not use {Join(fields)}; this scenario answers the same number as the forecast as assumed ({figure.Point:0.#})."));
                continue;
            }
            assumed ??= Forecast(programme, Scenario.AsAssumed);
            if (assumed.For(figure.Target) is { } baseline)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{figure.Target.Code()}: the chosen model ({figure.Choice.Candidate}) uses the scenario's {Join(fields)}: {figure.Point:0.#} (80% {figure.Interval80.Lower:0.#}–{figure.Interval80.Upper:0.#}) against {baseline.Point:0.#} (80% {baseline.Interval80.Lower:0.#}–{baseline.Interval80.Upper:0.#}) as assumed, a change of {figure.Point - baseline.Point:+0.#;-0.#;0}."));
            }
        }
    }

    private static List<string> ScenarioFields(Scenario scenario)
    {
        var fields = new List<string>();
        if (scenario.Modality is not null)
        {
            fields.Add("modality");
        }
        if (scenario.DurationDays is not null)
        {
            fields.Add("duration");
        }
        if (scenario.Partners is not null)
        {
            fields.Add("partners");
        }
        if (scenario.EligibleStates is not null)
        {
            fields.Add("eligible states");
        }
        if (scenario.Year is not null)
        {
            fields.Add("year");
        }
        return fields;
    }

    private static string Join(List<string> fields) =>
        fields.Count <= 1 ? string.Concat(fields) : string.Join(", ", fields.SkipLast(1)) + " or " + fields[^1];

    /// <summary>One forecast per scenario, in the order given.</summary>
    public IReadOnlyList<Forecast> Forecast(ProgrammeId programme, IEnumerable<Scenario> scenarios) =>
        scenarios.Select(s => Forecast(programme, s)).ToArray();

    /// <summary>The history and forecast band of one figure, for a chart.</summary>
    /// <exception cref="ArgumentException">The programme is unknown, or has no figures for <paramref name="target"/>.</exception>
    public ForecastChartSeries Chart(ProgrammeId programme, ForecastTarget target, Scenario? scenario = null)
    {
        var forecast = Forecast(programme, scenario);
        var figure = forecast.For(target)
            ?? throw new ArgumentException($"programme '{programme}' has no {target.Code()} figures to chart.", nameof(target));
        var history = CaseBuilder.HistoryOf(Dataset, programme, target);
        return new ForecastChartSeries(
            programme.Value, target.Code(), history.Select(h => h.Year).ToArray(), history.Select(h => h.Value).ToArray(),
            forecast.Edition.Year, figure.Point, figure.Interval80.Lower, figure.Interval80.Upper,
            figure.Interval95.Lower, figure.Interval95.Upper, figure.Choice.Candidate,
            figure.Interval80.MeasuredCoverage, figure.Interval95.MeasuredCoverage);
    }

    /// <summary>
    /// The next-edition forecast of <paramref name="target"/> for <paramref name="programme"/> with its 80 % and 95 %
    /// intervals (what a report's forecast band draws), or null when the programme is not in the training data or
    /// has no figures for the target.
    /// </summary>
    public NextEditionForecast? ForecastNextEdition(ProgrammeId programme, ForecastTarget target)
    {
        if (!Dataset.Contains(programme))
        {
            return null;
        }
        try
        {
            return Chart(programme, target).NextEdition;
        }
        catch (ArgumentException)
        {
            // Chart's documented refusal: no recorded figures for this target (no scenario is involved here).
            return null;
        }
    }

    /// <summary>Saves the model card and the ML.NET files into <paramref name="directory"/> (see <see cref="ForecastModelFiles.Save"/>).</summary>
    public void Save(string directory) => ForecastModelFiles.Save(this, directory);

    internal ITransformer? ModelFor(ForecastTarget target) => _models[target];

    private TargetForecast? ForecastFigure(ForecastTarget target, EditionObservation observation, List<string> notes)
    {
        var history = CaseBuilder.HistoryOf(Dataset, observation.Programme, target);
        if (history.Count == 0)
        {
            notes.Add($"{target.Code()}: no edition of this programme has a known figure, so there is no forecast.");
            return null;
        }
        var card = CardFor(target);
        var forecastCase = new ForecastCase(target, observation, history, null);
        var candidate = CandidateCatalog.Get(card.Choice.Candidate);
        var raw = candidate switch
        {
            BaselineCandidate baseline => baseline.Predict(history, observation.Number),
            MlCandidate ml => ml.Predict(_models[target] ?? throw new InvalidOperationException($"no ML.NET model loaded for {target.Code()}."),
                [forecastCase], Card.Options)[0],
            _ => throw new InvalidOperationException($"candidate '{candidate.Name}' cannot forecast."),
        };
        var point = Backtester.Clamp(forecastCase, raw);
        var ceiling = Backtester.Ceiling(forecastCase);
        foreach (var interval in new[] { card.Interval80, card.Interval95 }.Where(i => i.IsUnderdetermined))
        {
            notes.Add($"{target.Code()}: the {interval.Level:0%} interval rests on only {interval.ResidualCount} backtest residuals, too few for that level; it is narrower than it should be.");
        }
        return new TargetForecast(target, point, Interval(point, card.Interval80, ceiling), Interval(point, card.Interval95, ceiling),
            card.Choice, card.Candidates.First(c => c.Candidate == card.Choice.Candidate), card.Candidates.First(c => c.Candidate == CandidateCatalog.Naive));
    }

    private static ForecastInterval Interval(double point, IntervalCalibration calibration, double ceiling)
    {
        var (lower, upper) = ResidualQuantile.Interval(point, calibration.RelativeHalfWidth, ceiling);
        return new ForecastInterval(calibration.Level, lower, upper, calibration.MeasuredCoverage, calibration.CoveragePoints, calibration.IsUnderdetermined);
    }

    private static ProgrammeId ParseProgramme(string programme) =>
        ProgrammeId.TryParse(programme, out var id)
            ? id
            : throw new ArgumentException($"'{programme}' is not a programme id (lower-case letters, digits and hyphens, such as diplomacy-cab).", nameof(programme));
}
