using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Nominations;

/// <summary>
/// Trains the nomination-based attendance forecast as of a date: backtests the show-up candidates on the editions
/// that ended before that date, chooses one (<see cref="NominationBacktest"/>), and fits it on every nominee of
/// those editions.
/// </summary>
/// <example>
/// <code>
/// var history = NominationHistory.From(catalogue, participations);
/// var forecaster = NominationForecaster.Train(history, asOf: new DateOnly(2024, 8, 20));
/// var forecast = forecaster.Forecast(edition, NominationHistory.ForEdition(catalogue, edition, nominations, participations));
/// </code>
/// </example>
public static class NominationForecaster
{
    /// <summary>
    /// Trains on the editions of <paramref name="history"/> that ended before <paramref name="asOf"/> (their outcomes
    /// were known then); nothing later is used. Deterministic.
    /// </summary>
    /// <exception cref="InvalidOperationException">No edition ended before <paramref name="asOf"/> with recorded outcomes.</exception>
    public static TrainedNominationForecaster Train(NominationHistory history, DateOnly asOf, NominationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        options ??= NominationOptions.Default;
        var known = history.AsOf(asOf);
        var training = known.Editions.SelectMany(e => known.Of(e.Id)).Where(n => n.Attended is not null).ToArray();
        if (training.Length == 0)
        {
            throw new InvalidOperationException($"no edition with recorded nomination outcomes ended before {asOf:yyyy-MM-dd}: nothing to learn show-up from.");
        }
        NominationBacktestReport? backtest = null;
        try
        {
            backtest = NominationBacktest.Run(known, options);
        }
        catch (InvalidOperationException)
        {
            // Too little history for a backtest: the pooled rate, unwidened, and the reason says why.
        }
        var chosen = backtest?.Chosen ?? ShowUpCandidate.PooledRate;
        var model = ShowUpModel.Fit(chosen, training, options);
        return new TrainedNominationForecaster(asOf, model, backtest,
            backtest?.Reason ?? "the pooled show-up rate is used: too little history for a backtest (no edition with outcomes after an earlier one)");
    }
}

/// <summary>A trained nomination forecaster: forecasts any nomination list as of its date.</summary>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class TrainedNominationForecaster
{
    internal TrainedNominationForecaster(DateOnly asOf, ShowUpModel model, NominationBacktestReport? backtest, string reason)
    {
        AsOf = asOf;
        Model = model;
        Backtest = backtest;
        Reason = reason;
    }

    /// <summary>The as-of date: nothing recorded after it was used.</summary>
    public DateOnly AsOf { get; }

    /// <summary>The fitted show-up model.</summary>
    public ShowUpModel Model { get; }

    /// <summary>The backtest behind the choice, or null when there was too little history for one.</summary>
    public NominationBacktestReport? Backtest { get; }

    /// <summary>Why the model was chosen.</summary>
    public string Reason { get; }

    /// <summary>
    /// Forecasts <paramref name="edition"/>'s attendance from <paramref name="nominees"/>; nominations dated after
    /// <see cref="AsOf"/> are left out (and counted).
    /// </summary>
    public NominationForecast Forecast(Edition edition, IReadOnlyList<Nominee> nominees)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(nominees);
        var counted = nominees.Where(n => n.NominatedOn <= AsOf).ToArray();
        var probabilities = Model.Predict(counted);
        var attendance = AttendanceInterval.Of(probabilities, Backtest?.AttendanceWidening ?? Widening.None);
        var states = AttendanceInterval.Of(NominationBacktest.StateProbabilities(counted, probabilities), Backtest?.MemberStatesWidening ?? Widening.None);
        return new NominationForecast(
            edition.Id, AsOf, Model.Candidate, ShowUpCandidate.Describe(Model.Candidate), Reason,
            counted.Length, nominees.Count - counted.Length,
            counted.Where(n => n.CountsAsMember).Select(n => n.Country).Distinct().Count(),
            Model.PooledRate, attendance, states,
            counted.Select((n, i) => new NomineeProbability(n.ParticipantId, n.Country, probabilities[i])).ToArray());
    }
}
