using Sesric.Analytics.Model;

namespace Sesric.Analytics.Reporting.Formatting;

/// <summary>
/// What each kind of visual is called in alt text, in the three languages ("bar chart", "مخطط شريطي",
/// "graphique à barres"). The JSON mark names (<c>stacked-column</c>) are identifiers, never shown to readers.
/// </summary>
/// <remarks>The French names follow the chart gallery of the French editions of Excel and Power BI
/// (histogramme for columns, barres for bars); the Arabic ones the Arabic editions. A test checks that every
/// <see cref="MarkKind"/> has a name in every language.</remarks>
public static class ChartTypeNames
{
    private static readonly Dictionary<MarkKind, LocalizedText> Names = new()
    {
        [MarkKind.Card] = new("key figure card", "بطاقة رقم رئيسي", "carte de chiffre clé"),
        [MarkKind.Column] = new("column chart", "مخطط أعمدة", "histogramme"),
        [MarkKind.StackedColumn] = new("stacked column chart", "مخطط أعمدة مكدسة", "histogramme empilé"),
        [MarkKind.PercentColumn] = new("100% stacked column chart", "مخطط أعمدة مكدسة بنسبة 100٪", "histogramme empilé 100\u202F%"),
        [MarkKind.Bar] = new("bar chart", "مخطط شريطي", "graphique à barres"),
        [MarkKind.StackedBar] = new("stacked bar chart", "مخطط شريطي مكدس", "graphique à barres empilées"),
        [MarkKind.PercentBar] = new("100% stacked bar chart", "مخطط شريطي مكدس بنسبة 100٪", "graphique à barres empilées 100\u202F%"),
        [MarkKind.Line] = new("line chart", "مخطط خطي", "graphique en courbes"),
        [MarkKind.Area] = new("area chart", "مخطط مساحي", "graphique en aires"),
        [MarkKind.Combo] = new("combination chart", "مخطط مركب", "graphique combiné"),
        [MarkKind.Donut] = new("donut chart", "مخطط دائري مجوف", "graphique en anneau"),
        [MarkKind.Heatmap] = new("heat map", "خريطة حرارية", "carte de chaleur"),
        [MarkKind.Table] = new("table", "جدول", "tableau"),
        [MarkKind.Waterfall] = new("waterfall chart", "مخطط شلالي", "graphique en cascade"),
        [MarkKind.SmallMultiples] = new("small multiples", "مخططات صغيرة متعددة", "petits multiples"),
    };

    /// <summary>The name of <paramref name="kind"/> in <paramref name="language"/>.</summary>
    public static string Of(MarkKind kind, Language language) =>
        Names.TryGetValue(kind, out var name) ? name.In(language) : throw new ArgumentOutOfRangeException(nameof(kind), kind, "no display name for this mark kind; add one to ChartTypeNames.");

    /// <summary>Every kind with its names.</summary>
    public static IReadOnlyDictionary<MarkKind, LocalizedText> All => Names;
}
