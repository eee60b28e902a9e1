using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Nominations;

/// <summary>One edition forecast from its own nominations by one candidate, against what happened.</summary>
/// <param name="Edition">The edition.</param>
/// <param name="WindowClosed">Its last nomination date: the model was trained only on editions that ended before it.</param>
/// <param name="TrainedUpTo">The training cut: only editions that ended before this day were used (on or before <paramref name="WindowClosed"/>).</param>
/// <param name="Candidate">The show-up model.</param>
/// <param name="Nominations">Nominees.</param>
/// <param name="Attendance">The forecast attendance and its intervals.</param>
/// <param name="ActualAttendance">Nominees who attended.</param>
/// <param name="BaselineAttendance">Nominations × the pooled show-up rate of the same training rows.</param>
/// <param name="MemberStates">The forecast member states represented and its intervals.</param>
/// <param name="ActualMemberStates">Member states that had at least one nominee attend.</param>
/// <param name="IsFallback">True when the classifier had too few training rows and the pooled rate stood in.</param>
public sealed record NominationBacktestPoint(
    EditionId Edition,
    DateOnly WindowClosed,
    DateOnly TrainedUpTo,
    string Candidate,
    int Nominations,
    AttendanceInterval Attendance,
    int ActualAttendance,
    double BaselineAttendance,
    AttendanceInterval MemberStates,
    int ActualMemberStates,
    bool IsFallback)
{
    /// <summary>The attendance error (forecast − actual).</summary>
    public double Error => Attendance.Expected - ActualAttendance;
}

/// <summary>A candidate's backtest accuracy over a set of editions (all programmes, or one).</summary>
/// <param name="Candidate">The show-up model.</param>
/// <param name="Programme">The programme, or null for every programme pooled.</param>
/// <param name="Editions">Editions forecast.</param>
/// <param name="Mae">Mean absolute attendance error.</param>
/// <param name="Mase">MAE over the pooled-rate baseline's MAE on the same editions (below 1: better than the baseline); null when the baseline is exact.</param>
/// <param name="Coverage80">Share of editions whose attendance fell in the 80 % interval.</param>
/// <param name="Coverage95">Share of editions whose attendance fell in the 95 % interval.</param>
/// <param name="MemberStatesMae">Mean absolute error of member states represented.</param>
/// <param name="MemberStatesCoverage80">Share of editions whose member states represented fell in the 80 % interval.</param>
/// <param name="Calibration">The nominee-level calibration (Brier, reliability table, ECE).</param>
public sealed record NominationScore(
    string Candidate,
    string? Programme,
    int Editions,
    double Mae,
    double? Mase,
    double Coverage80,
    double Coverage95,
    double MemberStatesMae,
    double MemberStatesCoverage80,
    Calibration Calibration);
