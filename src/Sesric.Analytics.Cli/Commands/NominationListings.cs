using Sesric.Analytics.Cli.Output;
using Sesric.Analytics.Forecasting.Nominations;

namespace Sesric.Analytics.Cli.Commands;

/// <summary>The tables the nomination forecast and backtest print.</summary>
internal static class NominationListings
{
    /// <summary>One row per figure (attendance, member states) of the forecast.</summary>
    public static Listing Forecast(NominationForecast f)
    {
        object?[] Row(string figure, AttendanceInterval i) =>
        [
            f.Edition.Programme.Value, f.Edition.Number, f.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), figure,
            f.Nominations, f.NominatedMemberStates, Math.Round(i.Expected, 1), i.Lower80, i.Upper80, i.Lower95, i.Upper95, f.Model, f.Reason,
        ];
        return new Listing(
            [
                new("programme", "Programme"), new("edition", "Ed.", true), new("as_of", "As of"), new("figure", "Figure"),
                new("nominations", "Nominations", true), new("member_states_nominated", "States nominated", true),
                new("expected", "Expected", true), new("lower_80", "80% low", true), new("upper_80", "80% high", true),
                new("lower_95", "95% low", true), new("upper_95", "95% high", true), new("model", "Model"), new("reason", "Why this model"),
            ],
            [Row("attendance", f.Attendance), Row("member_states", f.MemberStates)]);
    }

    /// <summary>One row per nominee (internal policy only).</summary>
    public static Listing PerNominee(NominationForecast f) => new(
        [new("participant_id", "Participant"), new("country_iso3", "Country"), new("probability", "P(attends)", true)],
        f.Probabilities.Select(p => new object?[] { p.ParticipantId.Value, p.Country.Value, Math.Round(p.Probability, 4) }).ToArray());

    /// <summary>One row per candidate, pooled ("all") then per programme.</summary>
    public static Listing Backtest(NominationBacktestReport report, bool pooledOnly)
    {
        var scores = pooledOnly ? report.Scores : report.Scores.Concat(report.ByProgramme);
        return new Listing(
            [
                new("programme", "Programme"), new("candidate", "Candidate"), new("editions", "Editions", true), new("mae", "MAE", true),
                new("mase", "MASE (vs pooled)", true), new("coverage_80", "80% coverage", true), new("coverage_95", "95% coverage", true),
                new("member_states_mae", "States MAE", true), new("brier", "Brier", true), new("ece", "ECE", true), new("chosen", "Chosen"),
            ],
            scores.Select(s => new object?[]
            {
                s.Programme ?? "all", s.Candidate, s.Editions, Math.Round(s.Mae, 2), s.Mase is { } m ? Math.Round(m, 3) : null,
                Math.Round(s.Coverage80, 3), Math.Round(s.Coverage95, 3), Math.Round(s.MemberStatesMae, 2),
                Math.Round(s.Calibration.Brier, 4), Math.Round(s.Calibration.ExpectedCalibrationError, 4), s.Candidate == report.Chosen,
            }).ToArray());
    }

    /// <summary>The chosen candidate's reliability table.</summary>
    public static Listing Reliability(NominationBacktestReport report) => new(
        [new("from", "From", true), new("to", "To", true), new("count", "Nominees", true), new("mean_predicted", "Mean predicted", true), new("observed", "Observed", true)],
        report.ScoreOf(report.Chosen).Calibration.Bins.Select(b => new object?[]
        {
            b.From, b.To, b.Count, double.IsNaN(b.MeanPredicted) ? null : Math.Round(b.MeanPredicted, 3), double.IsNaN(b.Observed) ? null : Math.Round(b.Observed, 3),
        }).ToArray());
}
