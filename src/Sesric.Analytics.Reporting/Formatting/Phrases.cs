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

    /// <summary>
    /// Under the public policy, a count of figures the cell key method adjusted, with the perturbation table's version
    /// appended by the caller ("3 counts adjusted for privacy (ptable-v1)"), so a reader can tell which table produced them.
    /// </summary>
    public static CountedNoun AdjustedCounts { get; } = new(
        "{n} count adjusted for privacy", "{n} counts adjusted for privacy",
        "{n} effectif ajusté (confidentialité)", "{n} effectifs ajustés (confidentialité)",
        "عدد واحد معدَّل لحماية الخصوصية", "عددان معدَّلان لحماية الخصوصية", "{n} أعداد معدَّلة لحماية الخصوصية",
        "{n} عددًا معدَّلًا لحماية الخصوصية", "{n} عدد معدَّل لحماية الخصوصية");

    /// <summary>Under the internal policy: exact figures, which must not be published as they are.</summary>
    public static LocalizedText InternalFigures { get; } = new(
        "internal figures (exact, not for publication)", "أرقام داخلية (دقيقة، ليست للنشر)", "chiffres internes (exacts, non publiables)");

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

    /// <summary>Under a donut's total when no engine total was given and some groups are withheld: the figure is the shown groups' sum.</summary>
    public static LocalizedText TotalOfShown { get; } = new("total of shown groups", "مجموع الفئات المعروضة", "total des groupes affichés");

    /// <summary>A waterfall's closing bar: the level at its last category ("2022 (level)").</summary>
    public static LocalizedText Level { get; } = new("level", "المستوى", "niveau");

    /// <summary>A prediction interval, after its level ("80% interval").</summary>
    public static LocalizedText Interval { get; } = new("interval", "فترة تنبؤ", "intervalle");

    /// <summary>Footnote when a forecast's interval is left out: it rests on too few past forecast errors (the count follows).</summary>
    public static LocalizedText TooFewErrors { get; } = new("no interval shown: it would rest on too few past forecast errors", "لا تُعرض فترة تنبؤ: أخطاء التوقعات السابقة أقل من أن تُبنى عليها", "aucun intervalle affiché\u00A0: trop peu d'erreurs de prévision passées");

    /// <summary>Footnote naming editions on a time axis whose figures are unknown ("No figures for 2018, 2019").</summary>
    public static LocalizedText NoFiguresFor { get; } = new("No figures for", "لا تتوفر أرقام لعام", "Aucun chiffre pour");

    /// <summary>Footnote: the forecast was trained on editions up to a year ("trained on editions up to 2020").</summary>
    public static LocalizedText TrainedUpTo { get; } = new("trained on editions up to", "دُرّب على الدورات حتى", "entraînée sur les éditions jusqu'à");

    /// <summary>A forecasting model's plain name, by the forecaster's candidate name; unknown names print as they are.</summary>
    public static LocalizedText ModelName(string method) => method switch
    {
        "ses" => new("simple exponential smoothing", "التمهيد الأسي البسيط", "lissage exponentiel simple"),
        "naive" => new("last value carried forward", "ترحيل آخر قيمة", "dernière valeur reconduite"),
        "mean" => new("average of past editions", "متوسط الدورات السابقة", "moyenne des éditions passées"),
        "drift" => new("last value plus average change", "آخر قيمة مضافًا إليها متوسط التغير", "dernière valeur plus variation moyenne"),
        "fasttree" or "fasttree-tweedie" or "lightgbm" or "sdca" or "lbfgs-poisson" =>
            new($"machine-learning model ({method})", $"نموذج تعلم آلي ({method})", $"modèle d'apprentissage automatique ({method})"),
        _ => new(method, method, method),
    };

    /// <summary>Percentage points, after a change of a percentage ("−5.4 pp").</summary>
    public static LocalizedText PercentagePoints { get; } = new("pp", "نقطة مئوية", "pt");
}
