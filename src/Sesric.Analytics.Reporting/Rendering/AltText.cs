using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Formatting;

namespace Sesric.Analytics.Reporting.Rendering;

/// <summary>
/// Alt text from the data: the title with what the figure covers, and a description naming the extremes
/// ("Participants per edition, Diplomacy-CaB 2017–2022: highest 112 in 2021, lowest 35 in 2017; 4 values.").
/// </summary>
internal static class AltText
{
    public static (string Title, string Description) Describe(Visual visual, ChartData data, string title, string? caption, Language language, ValueFormatter fmt)
    {
        var span = data.Categories.Count switch
        {
            0 => "",
            1 => data.Categories[0],
            _ when data.CategoryFormat == ValueFormat.Year => $"{data.Categories[0]}–{data.Categories[^1]}",
            _ => "",
        };
        var altTitle = span.Length > 0 ? $"{title}, {span}" : title;
        var points = data.Points().ToList();
        if (points.Count == 0)
        {
            return (altTitle, $"{altTitle}: {Phrases.NoData.In(language)}.");
        }
        string Where((int Category, SeriesData Series, double Value) p) =>
            data.HasSeriesDimension ? $"{data.Categories[p.Category]} ({p.Series.Label})" : data.Categories[p.Category];
        var max = points.OrderByDescending(p => p.Value).ThenBy(p => p.Category).First();
        var min = points.OrderBy(p => p.Value).ThenBy(p => p.Category).First();
        var inWord = Phrases.In.In(language);
        var parts = new List<string>
        {
            $"{Phrases.Highest.In(language)} {fmt.Format(max.Value, data.MeasureFormat)} {inWord} {Where(max)}",
        };
        if (points.Count > 1)
        {
            parts.Add($"{Phrases.Lowest.In(language)} {fmt.Format(min.Value, data.MeasureFormat)} {inWord} {Where(min)}");
        }
        var mark = Specs.MarkNames.Name(visual.Mark);
        var description = $"{altTitle} ({mark} {Phrases.Chart.In(language)}, {data.MeasureLabel}): {string.Join("; ", parts)}; {points.Count} {Phrases.Values.In(language)}.";
        if (caption is not null)
        {
            description += $" {caption}.";
        }
        var suppressed = data.SuppressedShown;
        if (suppressed > 0)
        {
            description += $" {suppressed} {Phrases.SuppressedCells.In(language)}.";
        }
        return (altTitle, description);
    }
}
