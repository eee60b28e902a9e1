using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Features;

/// <summary>
/// One edition to forecast for one target, with what was known before it: the programme's observed
/// history (earlier edition numbers only) and the edition's own context. <see cref="Actual"/> is null
/// for a future edition.
/// </summary>
internal sealed record ForecastCase(ForecastTarget Target, EditionObservation Edition, IReadOnlyList<HistoryPoint> History, double? Actual)
{
    public ProgrammeId Programme => Edition.Programme;

    public int Year => Edition.Year;

    public HistoryPoint Last => History[^1];

    /// <summary>The feature row ML.NET sees; <paramref name="label"/> is already in the candidate's label space.</summary>
    public FeatureRow ToRow(float label)
    {
        var n = History.Count;
        var lag1 = History[n - 1].Value;
        var lag2 = n >= 2 ? History[n - 2].Value : lag1;
        var lag3 = n >= 3 ? History[n - 3].Value : lag2;
        return new FeatureRow
        {
            Label = label,
            Lag1 = (float)lag1,
            Lag2 = (float)lag2,
            Lag3 = (float)lag3,
            LogLag1 = (float)Math.Log(1 + lag1),
            LogGrowth = (float)Math.Log((1 + lag1) / (1 + lag2)),
            LogHistoryMean = (float)Math.Log(1 + History.Average(h => h.Value)),
            HistoryCount = n,
            EditionsSinceLast = Edition.Number - Last.Number,
            YearsSinceLast = Edition.Year - Last.Year,
            EditionNumber = Edition.Number,
            Year = Edition.Year,
            DurationDays = Edition.DurationDays is { } d ? d : float.NaN,
            Partners = Edition.Partners,
            EligibleStates = Edition.EligibleStates,
            Month = Edition.Month is { } m ? m : float.NaN,
            Modality = Edition.Modality.Code(),
            PreviousModality = Last.Modality.Code(),
        };
    }
}
