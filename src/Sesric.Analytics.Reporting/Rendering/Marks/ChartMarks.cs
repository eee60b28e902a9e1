namespace Sesric.Analytics.Reporting.Rendering.Marks;

/// <summary>The mark that draws each <see cref="MarkKind"/>.</summary>
internal static class ChartMarks
{
    /// <summary>The mark for <paramref name="chart"/>'s visual.</summary>
    public static IChartMark For(ChartSurface chart) => chart.Visual.Mark switch
    {
        MarkKind.Card => new CardMark(chart),
        MarkKind.Column or MarkKind.StackedColumn or MarkKind.PercentColumn => new BarsMark(chart, horizontal: false),
        MarkKind.Bar or MarkKind.StackedBar or MarkKind.PercentBar => new BarsMark(chart, horizontal: true),
        MarkKind.Line or MarkKind.Area => new LinesMark(chart),
        MarkKind.Combo => new ComboMark(chart),
        MarkKind.Donut => new DonutMark(chart),
        MarkKind.Heatmap => new HeatmapMark(chart),
        MarkKind.Table => new TableMark(chart),
        MarkKind.Waterfall => new WaterfallMark(chart),
        MarkKind.SmallMultiples => new SmallMultiplesMark(chart),
        _ => throw new ArgumentOutOfRangeException(nameof(chart), chart.Visual.Mark, "no mark draws this kind."),
    };
}
