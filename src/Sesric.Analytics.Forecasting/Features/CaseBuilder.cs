using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Features;

/// <summary>Turns a dataset into forecast cases: every observed edition that has at least one observed edition before it.</summary>
internal static class CaseBuilder
{
    /// <summary>The backtest cases for <paramref name="target"/>, ordered by year, then programme, then number.</summary>
    public static IReadOnlyList<ForecastCase> BacktestCases(ForecastDataset dataset, ForecastTarget target)
    {
        var cases = new List<ForecastCase>();
        foreach (var programme in dataset.Programmes)
        {
            var history = new List<HistoryPoint>();
            foreach (var edition in dataset.EditionsOf(programme))
            {
                if (edition.ValueOf(target) is not { } value)
                {
                    continue;
                }
                if (history.Count > 0)
                {
                    cases.Add(new ForecastCase(target, edition, history.ToArray(), value));
                }
                history.Add(new HistoryPoint(edition.Number, edition.Year, value, edition.Modality));
            }
        }
        return cases.OrderBy(c => c.Year).ThenBy(c => c.Programme).ThenBy(c => c.Edition.Number).ToArray();
    }

    /// <summary>The observed history of one programme for one target (gaps skipped).</summary>
    public static IReadOnlyList<HistoryPoint> HistoryOf(ForecastDataset dataset, ProgrammeId programme, ForecastTarget target) =>
        dataset.EditionsOf(programme)
            .Where(e => e.ValueOf(target) is not null)
            .Select(e => new HistoryPoint(e.Number, e.Year, e.ValueOf(target)!.Value, e.Modality))
            .ToArray();
}
