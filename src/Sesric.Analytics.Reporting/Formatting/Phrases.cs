using Sesric.Analytics.Model;

namespace Sesric.Analytics.Reporting.Formatting;

/// <summary>The fixed words that visuals and the HTML report print, in English, Arabic and French.</summary>
/// <remarks>Counts take a <see cref="CountedNoun"/> (Arabic has five forms), sentences are joined by
/// <see cref="Punctuation"/>, and chart kinds are named by <see cref="ChartTypeNames"/>. A native reviewer checks
/// these tables against Text/REVIEW-CHECKLIST.md.</remarks>
public static class Phrases
{
    /// <summary>A suppressed cell.</summary>
    public static LocalizedText Suppressed { get; } = new("suppressed", "محجوب", "masqué");

    /// <summary>An unknown cell.</summary>
    public static LocalizedText Unknown { get; } = new("unknown", "غير معروف", "inconnu");

    /// <summary>Caption prefix for filters.</summary>
    public static LocalizedText Filters { get; } = new("Filters", "عوامل التصفية", "Filtres");

    /// <summary>Provenance prefix.</summary>
    public static LocalizedText Source { get; } = new("Source", "المصدر", "Source");

    /// <summary>Share of synthetic records.</summary>
    public static LocalizedText SyntheticShare { get; } = new("synthetic records", "سجلات اصطناعية", "enregistrements synthétiques");

    /// <summary>A count of suppressed cells, the noun agreeing with the count ("11 خلية محجوبة لحماية الخصوصية").</summary>
    public static CountedNoun SuppressedCells { get; } = new(
        "{n} cell suppressed for privacy", "{n} cells suppressed for privacy",
        "{n} cellule masquée (confidentialité)", "{n} cellules masquées (confidentialité)",
        "خلية واحدة محجوبة لحماية الخصوصية", "خليتان محجوبتان لحماية الخصوصية", "{n} خلايا محجوبة لحماية الخصوصية",
        "{n} خلية محجوبة لحماية الخصوصية", "{n} خلية محجوبة لحماية الخصوصية");

    /// <summary>Change against the previous year ("+5 vs 2021"); French readers are not given the English "vs".</summary>
    public static LocalizedText VersusPrevious { get; } = new("vs", "مقارنة بـ", "par rapport à");

    /// <summary>Highest value in the alt text.</summary>
    public static LocalizedText Highest { get; } = new("highest", "أعلى قيمة", "maximum");

    /// <summary>Lowest value in the alt text.</summary>
    public static LocalizedText Lowest { get; } = new("lowest", "أدنى قيمة", "minimum");

    /// <summary>"in" before a year in the alt text ("in 2021", "في عام 2021", "en 2021").</summary>
    public static LocalizedText InYear { get; } = new("in", "في عام", "en");

    /// <summary>Total in a waterfall.</summary>
    public static LocalizedText Total { get; } = new("Total", "المجموع", "Total");

    /// <summary>Forecast band legend.</summary>
    public static LocalizedText Forecast { get; } = new("Forecast", "التوقع", "Prévision");

    /// <summary>Data table caption in the HTML.</summary>
    public static LocalizedText DataTable { get; } = new("Data", "البيانات", "Données");

    /// <summary>Page navigation label in the HTML.</summary>
    public static LocalizedText Pages { get; } = new("Pages", "الصفحات", "Pages");

    /// <summary>"no data" for an empty visual.</summary>
    public static LocalizedText NoData { get; } = new("No data for these filters", "لا توجد بيانات لهذه المعايير", "Aucune donnée pour ces filtres");

    /// <summary>The count of table rows that did not fit the visual ("12 more rows not shown").</summary>
    public static CountedNoun RowsNotShown { get; } = new(
        "{n} more row not shown", "{n} more rows not shown",
        "{n} ligne de plus non affichée", "{n} lignes de plus non affichées",
        "صف آخر غير معروض", "صفان آخران غير معروضين", "{n} صفوف أخرى غير معروضة", "{n} صفًا آخر غير معروض", "{n} صف آخر غير معروض");

    /// <summary>Alt text: how many values the chart shows ("4 values", "قيمتان", "11 قيمة").</summary>
    public static CountedNoun Values { get; } = new(
        "{n} value", "{n} values", "{n} valeur", "{n} valeurs",
        "قيمة واحدة", "قيمتان", "{n} قيم", "{n} قيمة", "{n} قيمة");
}
