using Sesric.Analytics.Model;

namespace Sesric.Analytics.Reporting;

/// <summary>
/// An expected value with its intervals at a line visual's own categories, drawn as a dashed line inside a band behind the
/// measured line: expected attendance beside the nominations received so far, week by week. Unlike a
/// <see cref="ForecastBand"/>, which continues a line after its last category, a range shares the line's categories.
/// </summary>
/// <param name="Label">The legend entry ("Expected attendance, 80 % and 95 % intervals").</param>
/// <param name="Points">One point per category that has one, matched to the table's categories by
/// <see cref="ForecastPoint.Category"/> (the category's value as text); categories without a point leave a gap.</param>
/// <param name="Level">The inner interval's nominal coverage (0.8).</param>
/// <param name="OuterLevel">The outer interval's coverage (0.95), drawn lighter when every point has one; null for one band.</param>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record ExpectedRange(LocalizedText Label, IReadOnlyList<ForecastPoint> Points, double Level, double? OuterLevel = null)
{
    /// <summary>Whether the outer band is drawn: a level is given and every point has an outer interval.</summary>
    public bool DrawsOuter => OuterLevel is not null && Points.Count > 0 && Points.All(p => p.HasOuter);
}
