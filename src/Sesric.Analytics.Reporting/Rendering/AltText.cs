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
        var altTitle = span.Length > 0 ? title + Punctuation.Comma(language) + span : title;
        var points = data.Points().ToList();
        if (points.Count == 0)
        {
            return (altTitle, $"{Punctuation.Labelled(altTitle, Phrases.NoData.In(language), language)}.");
        }

        // "in 2021" for a year; a member is named in brackets, which reads in every language ("en Groupe arabe" would not).
        string Where((int Category, SeriesData Series, double Value) p)
        {
            var category = data.Categories[p.Category];
            if (data.CategoryFormat == ValueFormat.Year)
            {
                var inYear = $"{Phrases.InYear.In(language)} {category}";
                return data.HasSeriesDimension ? $"{inYear} ({p.Series.Label})" : inYear;
            }
            return data.HasSeriesDimension ? $"({Punctuation.JoinList([category, p.Series.Label], language)})" : $"({category})";
        }
        var max = points.OrderByDescending(p => p.Value).ThenBy(p => p.Category).First();
        var min = points.OrderBy(p => p.Value).ThenBy(p => p.Category).First();
        var parts = new List<string>
        {
            $"{Phrases.Highest.In(language)} {fmt.Format(max.Value, data.MeasureFormat)} {Where(max)}",
        };
        if (points.Count > 1)
        {
            parts.Add($"{Phrases.Lowest.In(language)} {fmt.Format(min.Value, data.MeasureFormat)} {Where(min)}");
        }
        parts.Add(Phrases.Values.Format(points.Count, fmt));
        var kind = Punctuation.JoinList([ChartTypeNames.Of(visual.Mark, language), data.MeasureLabel], language);
        var description = Punctuation.Labelled($"{altTitle} ({kind})", Punctuation.JoinClauses(parts, language), language) + ".";
        if (caption is not null)
        {
            description += $" {caption}.";
        }
        var suppressed = data.SuppressedShown;
        if (suppressed > 0)
        {
            description += $" {Phrases.SuppressedCells.Format(suppressed, fmt)}.";
        }
        return (altTitle, description);
    }
}
