using Sesric.Analytics.Model;

namespace Sesric.Analytics.Reporting.Formatting;

/// <summary>The fixed words that visuals and the HTML report print, in English, Arabic and French.</summary>
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

    /// <summary>Number of suppressed cells.</summary>
    public static LocalizedText SuppressedCells { get; } = new("cells suppressed for privacy", "خلايا محجوبة لحماية الخصوصية", "cellules masquées (confidentialité)");

    /// <summary>Change against the previous year.</summary>
    public static LocalizedText VersusPrevious { get; } = new("vs", "مقارنة بـ", "vs");

    /// <summary>Highest value in the alt text.</summary>
    public static LocalizedText Highest { get; } = new("highest", "الأعلى", "le plus élevé");

    /// <summary>Lowest value in the alt text.</summary>
    public static LocalizedText Lowest { get; } = new("lowest", "الأدنى", "le plus bas");

    /// <summary>"in" (a year or a member) in the alt text.</summary>
    public static LocalizedText In { get; } = new("in", "في", "en");

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

    /// <summary>Alt text: a chart of.</summary>
    public static LocalizedText Chart { get; } = new("chart", "رسم بياني", "graphique");

    /// <summary>After a count of table rows that did not fit the visual ("12 more rows not shown").</summary>
    public static LocalizedText RowsNotShown { get; } = new("more rows not shown", "صفوف أخرى غير معروضة", "lignes de plus non affichées");

    /// <summary>Alt text: values.</summary>
    public static LocalizedText Values { get; } = new("values", "القيم", "valeurs");

    /// <summary>Under a donut's total when no engine total was given and some groups are withheld: the figure is the shown groups' sum.</summary>
    public static LocalizedText TotalOfShown { get; } = new("total of shown groups", "مجموع الفئات المعروضة", "total des groupes affichés");

    /// <summary>A waterfall's closing bar: the level at its last category ("2022 (level)").</summary>
    public static LocalizedText Level { get; } = new("level", "المستوى", "niveau");
}
