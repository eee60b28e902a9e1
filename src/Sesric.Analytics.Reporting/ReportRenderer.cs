using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Rendering;
using Sesric.Analytics.Reporting.Specs;
using Sesric.Analytics.Reporting.Theming;

namespace Sesric.Analytics.Reporting;

/// <summary>
/// Entry points that render visuals and reports: PNG and SVG charts from a visual and its data, and the
/// self-contained HTML report. Same inputs, byte-identical outputs.
/// </summary>
/// <remarks>Text is shaped by HarfBuzz with a bidi pass, in the theme's pinned font; a script the fonts lack
/// throws <see cref="Text.MissingFontException"/> naming the script and the fix instead of drawing boxes.</remarks>
public static class ReportRenderer
{
    /// <summary>Renders <paramref name="visual"/> over <paramref name="table"/> as a PNG of the visual's size.</summary>
    /// <param name="visual">What to draw.</param>
    /// <param name="table">The data (columns named as the visual's measure and dimensions).</param>
    /// <param name="theme">The theme.</param>
    /// <param name="language">The language of every text.</param>
    /// <param name="options">Caption filters, source line, forecast band and report-wide colours; null for none.</param>
    public static byte[] RenderPng(Visual visual, ResultTable table, Theme theme, Language language, ChartOptions? options = null) =>
        Render(visual, table, theme, language, options, ChartFormat.Png).Png!;

    /// <summary>Renders <paramref name="visual"/> as an SVG document with <c>&lt;title&gt;</c> and <c>&lt;desc&gt;</c> alt text.</summary>
    public static string RenderSvg(Visual visual, ResultTable table, Theme theme, Language language, ChartOptions? options = null) =>
        Render(visual, table, theme, language, options, ChartFormat.Svg).Svg!;

    /// <summary>The alt text (title, description) of a visual over its data, as the SVG and HTML carry it.</summary>
    public static (string Title, string Description) AltText(Visual visual, ResultTable table, Theme theme, Language language, ChartOptions? options = null)
    {
        var chart = Render(visual, table, theme, language, options, ChartFormat.Svg);
        return (chart.AltTitle, chart.AltDescription);
    }

    internal static RenderedChart Render(Visual visual, ResultTable table, Theme theme, Language language, ChartOptions? options, ChartFormat format)
    {
        var problems = ReportValidator.ValidateVisual(visual, "visual", options?.Vocabulary);
        if (problems.Count > 0)
        {
            throw new SpecException(problems);
        }
        options ??= new ChartOptions();
        var request = new ChartRequest(visual, table, theme, language, options.Colors ?? new MemberColors(theme),
            options.Filters ?? visual.Filters, options.Source, options.Forecast);
        return ChartComposer.Render(request, format);
    }
}

/// <summary>Optional inputs of a chart render.</summary>
/// <param name="Filters">Filters of every scope that apply, for the caption (default: the visual's own).</param>
/// <param name="Source">The source line, or null for "SESRIC".</param>
/// <param name="Forecast">A forecast band for line/area visuals with <see cref="Visual.Forecast"/> set.</param>
/// <param name="Colors">Report-wide member colours, so a member keeps its colour across visuals.</param>
/// <param name="Vocabulary">The measures and dimensions to validate against (default: the semantic model's).</param>
public sealed record ChartOptions(
    IReadOnlyList<FilterSpec>? Filters = null,
    LocalizedText? Source = null,
    ForecastBand? Forecast = null,
    MemberColors? Colors = null,
    ReportVocabulary? Vocabulary = null);