namespace Sesric.Analytics.Reporting.Rendering.Marks;

/// <summary>
/// One kind of mark, made for one chart: adds its ScottPlot plottables, legend entries and overlays to the chart's
/// surface, and lays out the axes it needs. The composer draws the frame around it.
/// </summary>
internal interface IChartMark
{
    /// <summary>Fills the plot area.</summary>
    void Compose();
}
