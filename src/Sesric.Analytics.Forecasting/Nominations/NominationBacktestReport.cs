namespace Sesric.Analytics.Forecasting.Nominations;

/// <summary>The nomination backtest: every candidate's scores, the choice and why, and the interval stretch measured.</summary>
/// <param name="Scores">Each candidate's scores over every programme pooled.</param>
/// <param name="ByProgramme">Each candidate's scores per programme.</param>
/// <param name="Points">Every edition forecast by every candidate.</param>
/// <param name="Chosen">The candidate the forecast uses.</param>
/// <param name="Reason">Why, in words (says so when the pooled rate is used because no classifier beat it).</param>
/// <param name="AttendanceWidening">The chosen candidate's interval stretch for attendance, from all its backtest errors.</param>
/// <param name="MemberStatesWidening">The same for member states represented.</param>
public sealed record NominationBacktestReport(
    IReadOnlyList<NominationScore> Scores,
    IReadOnlyList<NominationScore> ByProgramme,
    IReadOnlyList<NominationBacktestPoint> Points,
    string Chosen,
    string Reason,
    Widening AttendanceWidening,
    Widening MemberStatesWidening)
{
    /// <summary>The pooled score of <paramref name="candidate"/>.</summary>
    public NominationScore ScoreOf(string candidate) => Scores.Single(s => s.Candidate == candidate);

    /// <summary>True when the pooled rate is used because no classifier was both more accurate and better calibrated.</summary>
    public bool UsesPooledRate => Chosen == ShowUpCandidate.PooledRate;
}
