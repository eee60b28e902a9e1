using Sesric.Analytics.Model;

namespace Sesric.Analytics.Reporting;

/// <summary>
/// One figure: a mark bound to a measure and dimensions of the semantic model, with its own filters and texts.
/// </summary>
/// <param name="Id">A slug unique in the report; names the chart's files (<c>participants-per-edition.png</c>).</param>
/// <param name="Mark">What is drawn.</param>
/// <param name="Measure">The measure shown (for a combo, the columns).</param>
/// <param name="Category">The dimension along the category axis (rows of a heatmap or table); null for a card.</param>
/// <param name="Series">The dimension that splits the measure into coloured members (heatmap columns); null for one series.</param>
/// <param name="LineMeasure">A combo's line measure, on its own axis; null for other marks.</param>
/// <param name="Title">The title; null to use the measure's label.</param>
/// <param name="Subtitle">A subtitle under the title, or null.</param>
/// <param name="Note">A footnote printed before the provenance line, or null.</param>
/// <param name="Filters">Filters of visual scope.</param>
/// <param name="Limit">At most this many categories (the top ones by the measure), or null for all.</param>
/// <param name="Width">Width of the PNG/SVG in pixels.</param>
/// <param name="Height">Height of the PNG/SVG in pixels.</param>
/// <param name="Forecast">Whether a line/area visual shows the forecast band when one is supplied.</param>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record Visual(
    string Id,
    MarkKind Mark,
    string Measure,
    string? Category = null,
    string? Series = null,
    string? LineMeasure = null,
    LocalizedText? Title = null,
    LocalizedText? Subtitle = null,
    LocalizedText? Note = null,
    ValueList<FilterSpec>? Filters = null,
    int? Limit = null,
    int Width = Visual.DefaultWidth,
    int Height = Visual.DefaultHeight,
    bool Forecast = false)
{
    /// <summary>The default width in pixels.</summary>
    public const int DefaultWidth = 800;

    /// <summary>The default height in pixels.</summary>
    public const int DefaultHeight = 450;

    /// <summary>Filters of visual scope (never null).</summary>
    public ValueList<FilterSpec> Filters { get; init; } = Filters ?? ValueList<FilterSpec>.Empty;
}
