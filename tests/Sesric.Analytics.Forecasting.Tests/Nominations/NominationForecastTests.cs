using Sesric.Analytics.Forecasting.Nominations;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Tests.Nominations;

/// <summary>The nomination forecast of one edition, as of a date.</summary>
public sealed class NominationForecastTests
{
    private static readonly NominationOptions Fast = new() { Trees = 40 };

    /// <summary>An edition late in the generated history, its nominees with outcomes hidden, and the as-of day its window closed.</summary>
    private static (Edition Edition, IReadOnlyList<Nominee> Nominees, DateOnly AsOf) LateEdition()
    {
        var history = GeneratedNominations.History;
        var edition = history.Editions[^5];
        var nominees = history.Of(edition.Id).Select(n => n with { Attended = null }).ToArray();
        return (edition, nominees, nominees.Max(n => n.NominatedOn));
    }

    [Fact]
    public void The_forecast_is_near_what_happened_and_its_interval_is_a_poisson_binomial_one()
    {
        var (edition, nominees, asOf) = LateEdition();
        var forecaster = NominationForecaster.Train(GeneratedNominations.History, asOf, Fast);
        var forecast = forecaster.Forecast(edition, nominees);

        var actual = GeneratedNominations.History.Of(edition.Id).Count(n => n.Attended == true);
        Assert.Equal(nominees.Count, forecast.Nominations);
        Assert.Equal(0, forecast.NominationsAfterAsOf);
        Assert.Equal(forecast.Probabilities.Sum(p => p.Probability), forecast.Attendance.Expected, 6);
        Assert.InRange(actual, forecast.Attendance.Lower95, forecast.Attendance.Upper95);
        Assert.True(forecast.Attendance.Lower95 <= forecast.Attendance.Lower80 && forecast.Attendance.Upper80 <= forecast.Attendance.Upper95);
        Assert.True(forecast.Attendance.Upper80 - forecast.Attendance.Lower80 < forecast.Attendance.Upper95 - forecast.Attendance.Lower95);
        Assert.InRange(forecast.MemberStates.Expected, 1, forecast.NominatedMemberStates);
        Assert.NotEqual(ShowUpCandidate.PooledRate, forecast.Model);
        Assert.Equal(forecaster.Backtest!.Reason, forecast.Reason);
    }

    [Fact]
    public void Adding_later_data_does_not_move_the_as_of_answer()
    {
        var (edition, nominees, asOf) = LateEdition();
        var data = GeneratedNominations.Data;
        var before = NominationForecaster.Train(GeneratedNominations.History, asOf, Fast).Forecast(edition, nominees);

        // Later data: every later edition's outcomes flipped (all no-shows), and late nominations added to the list.
        var later = data.Participations.Select(p =>
            data.Catalogue.TryGetEdition(p.Edition, out var e) && NominationHistory.End(e) >= asOf
                ? data.Catalogue.CreateParticipation(p.Participant, p.Edition, AttendanceStatus.NoShow, true, p.NominatedOn)
                : p);
        var changedHistory = NominationHistory.From(data.Catalogue, later);
        var lateNominees = nominees.Concat(nominees.Take(20).Select((n, i) => n with
        {
            ParticipantId = ParticipantId.Parse($"late-{i}"),
            NominatedOn = asOf.AddDays(1),
        })).ToArray();
        var after = NominationForecaster.Train(changedHistory, asOf, Fast).Forecast(edition, lateNominees);

        Assert.Equal(before.Attendance, after.Attendance);
        Assert.Equal(before.MemberStates, after.MemberStates);
        Assert.Equal(before.Model, after.Model);
        Assert.Equal(20, after.NominationsAfterAsOf);

        // The same change seen from a later date does move it: the test would notice a forecast that used later data.
        var seen = NominationForecaster.Train(changedHistory, NominationHistory.End(GeneratedNominations.History.Editions[^1]).AddDays(1), Fast)
            .Forecast(edition, nominees);
        Assert.NotEqual(before.Attendance.Expected, seen.Attendance.Expected);
    }

    [Fact]
    public void Too_little_history_uses_the_pooled_rate_and_says_why()
    {
        var history = GeneratedNominations.History;
        var second = history.Editions[1];
        var forecaster = NominationForecaster.Train(history, NominationHistory.End(history.Editions[0]).AddDays(1), Fast);
        var forecast = forecaster.Forecast(second, history.Of(second.Id));
        Assert.Equal(ShowUpCandidate.PooledRate, forecast.Model);
        Assert.Contains("too little history", forecast.Reason, StringComparison.Ordinal);
        Assert.All(forecast.Probabilities, p => Assert.Equal(forecast.PooledRate, p.Probability));
    }

    [Fact]
    public void Before_any_edition_ended_there_is_nothing_to_learn_and_the_error_says_so()
    {
        var history = GeneratedNominations.History;
        var e = Assert.Throws<InvalidOperationException>(() => NominationForecaster.Train(history, new DateOnly(1990, 1, 1)));
        Assert.Contains("no edition with recorded nomination outcomes ended before 1990-01-01", e.Message, StringComparison.Ordinal);
    }
}
