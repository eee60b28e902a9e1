using Sesric.Analytics.Dataset;
using Sesric.Analytics.Forecasting.Nominations;
using Sesric.Analytics.Model;

using Xunit.Abstractions;

namespace Sesric.Analytics.Forecasting.Tests.Nominations;

/// <summary>The nomination backtest on data with a known show-up process, and on the built-in registry.</summary>
public sealed class NominationBacktestTests(ITestOutputHelper output)
{
    [Fact]
    public void On_a_known_process_the_chosen_classifier_beats_the_pooled_rate_covers_80_percent_and_is_calibrated()
    {
        var report = GeneratedNominations.Backtest;
        Assert.False(report.UsesPooledRate, report.Reason);
        var chosen = report.ScoreOf(report.Chosen);
        var pooled = report.ScoreOf(ShowUpCandidate.PooledRate);
        foreach (var s in report.Scores)
        {
            output.WriteLine($"{s.Candidate}: editions {s.Editions}, MAE {s.Mae:F2}, MASE {s.Mase:F3}, cover80 {s.Coverage80:P0}, cover95 {s.Coverage95:P0}, Brier {s.Calibration.Brier:F4}, ECE {s.Calibration.ExpectedCalibrationError:F4}");
        }
        Assert.True(chosen.Mae <= 0.7 * pooled.Mae, $"{report.Chosen} MAE {chosen.Mae:F2} vs pooled {pooled.Mae:F2}");
        Assert.InRange(chosen.Coverage80, 0.70, 0.90);
        Assert.True(chosen.Calibration.ExpectedCalibrationError <= 0.05, $"ECE {chosen.Calibration.ExpectedCalibrationError:F4}");
        Assert.True(chosen.Calibration.Brier < pooled.Calibration.Brier);
        Assert.Equal(chosen.Mae / pooled.Mae, chosen.Mase!.Value, 9);
        Assert.Contains($"{report.Chosen} is used", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_edition_is_trained_only_on_editions_that_ended_before_its_window_closed()
    {
        var report = GeneratedNominations.Backtest;
        var catalogue = GeneratedNominations.Data.Catalogue;
        Assert.NotEmpty(report.Points);
        Assert.All(report.Points, p =>
        {
            Assert.True(p.TrainedUpTo <= p.WindowClosed);
            Assert.Equal(p.WindowClosed, GeneratedNominations.History.Of(p.Edition).Max(n => n.NominatedOn));
        });
        // Some editions close in the year the history starts: nothing ended before, so they are not forecast.
        var first = GeneratedNominations.History.Editions.Min(e => NominationHistory.End(e));
        Assert.DoesNotContain(report.Points, p => catalogue.TryGetEdition(p.Edition, out var e) && NominationHistory.End(e) == first);
    }

    [Fact]
    public void Scores_exist_per_programme_and_pool_to_the_overall_figures()
    {
        var report = GeneratedNominations.Backtest;
        foreach (var candidate in ShowUpCandidate.All)
        {
            var parts = report.ByProgramme.Where(s => s.Candidate == candidate).ToArray();
            Assert.Equal(8, parts.Length);
            var overall = report.ScoreOf(candidate);
            Assert.Equal(overall.Editions, parts.Sum(p => p.Editions));
            Assert.Equal(overall.Mae, parts.Sum(p => p.Mae * p.Editions) / overall.Editions, 9);
        }
    }

    [Fact]
    public void Outcomes_unrelated_to_the_features_keep_the_pooled_rate_and_the_output_says_so()
    {
        // The same nominations, but each outcome a coin with the same 0.8 for everyone: nothing to learn.
        var data = ScaleGenerator.Generate(new ScaleOptions(12_000, 5, Programmes: 4, EditionsPerProgramme: 8));
        var noise = data.Participations.Select(p => data.Catalogue.CreateParticipation(
            p.Participant, p.Edition,
            Coin(p.Participant.Id.Value + "@" + p.Edition) < 0.8 ? AttendanceStatus.Attended : AttendanceStatus.NoShow,
            true, p.NominatedOn));
        var report = NominationBacktest.Run(NominationHistory.From(data.Catalogue, noise));
        Assert.True(report.UsesPooledRate, report.Reason);
        Assert.StartsWith("the pooled show-up rate is used: no classifier was both more accurate and better calibrated", report.Reason, StringComparison.Ordinal);
    }

    /// <summary>A number in [0, 1) from the text alone (FNV-1a, then a mix): the same on every run.</summary>
    private static double Coin(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var c in text)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    [Fact]
    public void The_same_history_and_seed_give_the_same_report()
    {
        var data = ScaleGenerator.Generate(new ScaleOptions(6_000, 3, Programmes: 3, EditionsPerProgramme: 6));
        var history = NominationHistory.From(data.Catalogue, data.Participations);
        var a = NominationBacktest.Run(history);
        var b = NominationBacktest.Run(NominationHistory.From(data.Catalogue, data.Participations));
        Assert.Equal(a.Chosen, b.Chosen);
        Assert.Equal(a.Scores.Select(s => (s.Candidate, s.Mae, s.Calibration.Brier)), b.Scores.Select(s => (s.Candidate, s.Mae, s.Calibration.Brier)));
        Assert.Equal(a.Points.Select(p => p.Attendance), b.Points.Select(p => p.Attendance));
    }

    [Fact]
    public void The_built_in_registry_is_backtested_and_the_choice_is_explained()
    {
        var data = BuiltInDataset.Load();
        var report = NominationBacktest.Run(NominationHistory.From(data.Catalogue, data.Participations));
        Assert.NotEmpty(report.Points);
        Assert.Contains(report.Chosen, ShowUpCandidate.All);
        Assert.False(string.IsNullOrWhiteSpace(report.Reason));
        Assert.All(report.Points, p => Assert.InRange(p.Attendance.Expected, 0, p.Nominations));
    }
}
