using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Features;

/// <summary>One observed value of a programme's series (gaps are simply absent).</summary>
internal readonly record struct HistoryPoint(int Number, int Year, double Value, Modality Modality);
