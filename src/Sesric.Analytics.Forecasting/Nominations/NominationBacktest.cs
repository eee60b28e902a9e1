using System.Globalization;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Nominations;

/// <summary>
/// Backtests the show-up candidates edition by edition: each edition whose every nominee has a recorded outcome is
/// forecast from its own nominations by models trained only on editions that ended before its nomination window
/// closed (its last nomination date), then scored against what happened.
/// </summary>
/// <remarks>
/// <para>Models are refitted once per calendar year of window closing, on the editions that ended before 1 January of
/// that year: a subset of what the rule allows (never a later edition), and it bounds a 1M-row backtest to one fit per
/// year and candidate instead of one per edition.</para>
/// <para>Intervals are widened sequentially: an edition's interval uses only the standardised errors of editions that
/// ended before its window closed, so the measured coverage is honest, not fitted to itself.</para>
/// <para>Choice: a classifier is used only if, over the same editions, both its attendance MAE and its Brier score are
/// lower than the pooled rate's (more accurate, and better calibrated by the proper scoring rule); among those, the
/// lowest MAE wins. Otherwise the pooled rate is used, and the reason says so.</para>
/// </remarks>
public static class NominationBacktest
{
    /// <summary>Runs the backtest. Deterministic: equal history and options give equal reports.</summary>
    /// <exception cref="InvalidOperationException">No edition can be backtested (none has outcomes and earlier history).</exception>
    public static NominationBacktestReport Run(NominationHistory history, NominationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        options ??= NominationOptions.Default;
        var candidates = Select(options);
        var targets = history.Editions
            .Where(e => history.Of(e.Id).Count > 0 && history.Of(e.Id).All(n => n.Attended is not null))
            .Select(e => (Edition: e, Close: history.Of(e.Id).Max(n => n.NominatedOn)))
            .OrderBy(t => t.Close).ThenBy(t => t.Edition.Id)
            .ToArray();
        var raw = candidates.ToDictionary(c => c, _ => new List<RawPoint>());
        // Every nominee with an outcome, newest first, sorted once: each origin takes the newest rows of the editions over
        // by then (what a fit keeps anyway; see NominationOptions.MaximumTrainingRows) without sorting a 1M-row registry again.
        var ends = history.Editions.ToDictionary(e => e.Id, NominationHistory.End);
        var newestFirst = history.Editions.SelectMany(e => history.Of(e.Id)).Where(n => n.Attended is not null)
            .OrderByDescending(n => n.NominatedOn).ThenBy(n => n.Edition).ThenBy(n => n.ParticipantId).ToArray();
        foreach (var group in targets.GroupBy(t => new DateOnly(t.Close.Year, 1, 1)))
        {
            var origin = group.Key;
            var training = newestFirst.Where(n => ends[n.Edition] < origin).Take(options.MaximumTrainingRows).ToArray();
            if (training.Length == 0)
            {
                continue;
            }
            var pooled = ShowUpModel.Fit(ShowUpCandidate.PooledRate, training, options);
            foreach (var candidate in candidates)
            {
                var fallback = candidate != ShowUpCandidate.PooledRate && training.Length < options.MinimumTrainingRows;
                var model = fallback ? pooled : ShowUpModel.Fit(candidate, training, options);
                foreach (var (edition, close) in group)
                {
                    var nominees = history.Of(edition.Id);
                    raw[candidate].Add(new RawPoint(candidate, edition, close, origin, nominees, model.Predict(nominees), nominees.Count * pooled.PooledRate, fallback));
                }
            }
        }
        if (raw[ShowUpCandidate.PooledRate].Count == 0)
        {
            throw new InvalidOperationException("no edition can be backtested: none has nominations with recorded outcomes after an earlier edition with outcomes.");
        }
        var points = new List<NominationBacktestPoint>();
        var calibrations = new Dictionary<string, Calibration>();
        var widenings = new Dictionary<string, (Widening Attendance, Widening States)>();
        foreach (var candidate in candidates)
        {
            var (scored, attendanceZ, statesZ) = Score(raw[candidate], options);
            points.AddRange(scored);
            calibrations[candidate] = Calibration.Of(
                raw[candidate].SelectMany(r => r.Probabilities).ToArray(),
                raw[candidate].SelectMany(r => r.Nominees.Select(n => n.Attended == true)).ToArray());
            widenings[candidate] = (Widening.From(attendanceZ, options.MinimumEditionsForWidening), Widening.From(statesZ, options.MinimumEditionsForWidening));
        }
        var scores = candidates.Select(c => ScoreOf(c, null, points.Where(p => p.Candidate == c).ToArray(), raw[c])).ToArray();
        var byProgramme = candidates
            .SelectMany(c => points.Where(p => p.Candidate == c).GroupBy(p => p.Edition.Programme).OrderBy(g => g.Key)
                .Select(g => ScoreOf(c, g.Key, g.ToArray(), raw[c].Where(r => r.Edition.Programme == g.Key).ToArray())))
            .ToArray();
        var (chosen, reason) = Choose(scores);
        return new NominationBacktestReport(scores, byProgramme, points, chosen, reason, widenings[chosen].Attendance, widenings[chosen].States);
    }

    private static IReadOnlyList<string> Select(NominationOptions options)
    {
        var names = options.Candidates ?? ShowUpCandidate.All;
        foreach (var name in names)
        {
            _ = ShowUpCandidate.Describe(name);
        }
        return ShowUpCandidate.All.Where(c => c == ShowUpCandidate.PooledRate || names.Contains(c)).ToArray();
    }

    /// <summary>Turns raw forecasts into scored points with sequentially widened intervals; returns every standardised error too.</summary>
    private static (List<NominationBacktestPoint> Points, List<double> AttendanceZ, List<double> StatesZ) Score(List<RawPoint> raw, NominationOptions options)
    {
        var known = new List<(DateOnly End, double AttendanceZ, double StatesZ)>();
        var points = new List<NominationBacktestPoint>();
        foreach (var r in raw)
        {
            var earlier = known.Where(k => k.End < r.Close).ToArray();
            var widening = Widening.From(earlier.Select(k => k.AttendanceZ).ToArray(), options.MinimumEditionsForWidening);
            var statesWidening = Widening.From(earlier.Select(k => k.StatesZ).ToArray(), options.MinimumEditionsForWidening);
            var attendance = AttendanceInterval.Of(r.Probabilities, widening);
            var stateProbabilities = StateProbabilities(r.Nominees, r.Probabilities);
            var states = AttendanceInterval.Of(stateProbabilities, statesWidening);
            var actual = r.Nominees.Count(n => n.Attended == true);
            var actualStates = r.Nominees.Where(n => n.Attended == true && n.CountsAsMember).Select(n => n.Country).Distinct().Count();
            points.Add(new NominationBacktestPoint(r.Edition.Id, r.Close, r.Origin, r.Candidate, r.Nominees.Count, attendance, actual,
                r.Baseline, states, actualStates, r.IsFallback));
            known.Add((NominationHistory.End(r.Edition), Standardised(actual, r.Probabilities), Standardised(actualStates, stateProbabilities)));
        }
        return (points, known.Select(k => k.AttendanceZ).ToList(), known.Select(k => k.StatesZ).ToList());
    }

    /// <summary>Each nominated member state's chance of being represented: 1 − Π(1 − p) over its nominees.</summary>
    internal static double[] StateProbabilities(IReadOnlyList<Nominee> nominees, IReadOnlyList<double> probabilities)
    {
        var absent = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < nominees.Count; i++)
        {
            if (!nominees[i].CountsAsMember)
            {
                continue;
            }
            var code = nominees[i].Country.Value;
            absent[code] = (absent.TryGetValue(code, out var a) ? a : 1.0) * (1 - probabilities[i]);
        }
        return absent.Values.Select(a => 1 - a).ToArray();
    }

    private static double Standardised(int actual, IReadOnlyList<double> probabilities)
    {
        var mean = probabilities.Sum();
        var sd = Math.Sqrt(probabilities.Sum(p => p * (1 - p)));
        // A count off by less than one is no error at all; the half keeps a near-certain edition from exploding.
        return (actual - mean) / Math.Max(sd, 0.5);
    }

    private static NominationScore ScoreOf(string candidate, ProgrammeId? programme, IReadOnlyList<NominationBacktestPoint> points, IReadOnlyList<RawPoint> raw)
    {
        var mae = points.Average(p => Math.Abs(p.Error));
        var baselineMae = points.Average(p => Math.Abs(p.BaselineAttendance - p.ActualAttendance));
        return new NominationScore(
            candidate, programme?.Value, points.Count, mae, baselineMae == 0 ? null : mae / baselineMae,
            points.Count(p => p.Attendance.Covers80(p.ActualAttendance)) / (double)points.Count,
            points.Count(p => p.Attendance.Covers95(p.ActualAttendance)) / (double)points.Count,
            points.Average(p => Math.Abs(p.MemberStates.Expected - p.ActualMemberStates)),
            points.Count(p => p.MemberStates.Covers80(p.ActualMemberStates)) / (double)points.Count,
            Calibration.Of(raw.SelectMany(r => r.Probabilities).ToArray(), raw.SelectMany(r => r.Nominees.Select(n => n.Attended == true)).ToArray()));
    }

    private static (string Chosen, string Reason) Choose(IReadOnlyList<NominationScore> scores)
    {
        var pooled = scores.Single(s => s.Candidate == ShowUpCandidate.PooledRate);
        var better = scores
            .Where(s => s.Candidate != ShowUpCandidate.PooledRate && s.Mae < pooled.Mae && s.Calibration.Brier < pooled.Calibration.Brier)
            .OrderBy(s => s.Mae).ThenBy(s => s.Calibration.Brier).ThenBy(s => s.Candidate, StringComparer.Ordinal)
            .FirstOrDefault();
        if (better is null)
        {
            return (ShowUpCandidate.PooledRate, string.Create(CultureInfo.InvariantCulture,
                $"the pooled show-up rate is used: no classifier was both more accurate and better calibrated than it in the backtest of {pooled.Editions} edition(s) (pooled MAE {pooled.Mae:F1}, Brier {pooled.Calibration.Brier:F4})"));
        }
        return (better.Candidate, string.Create(CultureInfo.InvariantCulture,
            $"{better.Candidate} is used: in the backtest of {better.Editions} edition(s) its attendance MAE {better.Mae:F1} beat the pooled rate's {pooled.Mae:F1} (MASE {better.Mase:F2}) and its Brier score {better.Calibration.Brier:F4} beat {pooled.Calibration.Brier:F4}"));
    }

    private sealed record RawPoint(string Candidate, Edition Edition, DateOnly Close, DateOnly Origin, IReadOnlyList<Nominee> Nominees, double[] Probabilities, double Baseline, bool IsFallback);
}
