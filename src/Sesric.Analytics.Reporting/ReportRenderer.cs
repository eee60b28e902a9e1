using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Html;
using Sesric.Analytics.Reporting.Rendering;
using Sesric.Analytics.Reporting.Specs;
using Sesric.Analytics.Reporting.Theming;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Reporting;

/// <summary>
/// Entry points that render visuals and reports: PNG and SVG charts from a visual and its data, and the
/// self-contained HTML report. Same inputs, byte-identical outputs.
/// </summary>
/// <remarks>Text is shaped by HarfBuzz with a bidi pass, in the theme's pinned font; a script the fonts lack
/// throws <see cref="Text.MissingFontException"/> naming the script and the fix instead of drawing boxes.</remarks>
public static class ReportRenderer
{
    /// <summary>
    /// Starts the rendering stack without drawing anything anyone sees: finds <paramref name="theme"/>'s fonts through
    /// fontconfig, loads Skia and HarfBuzz, and composes and exports one small chart in both formats. A command that
    /// will render can run this on another core while it opens the store and runs its queries.
    /// </summary>
    /// <remarks>Measured on the annual report (whole process, 2 cores): the first chart took about a quarter of all
    /// rendering, mostly this start-up. Rendering is deterministic either way: this changes only when the cost is paid.</remarks>
    /// <exception cref="Text.MissingFontException">The theme's fonts are not installed (the report would fail the same way).</exception>
    public static void WarmUp(Theme theme)
    {
        ArgumentNullException.ThrowIfNull(theme);
        var year = new ResultColumn("year", ColumnRole.Dimension, ColumnType.Integer, ValueFormat.Year, new LocalizedText("Year"));
        var count = new ResultColumn("participants", ColumnRole.Measure, ColumnType.Integer, ValueFormat.Integer, new LocalizedText("Participants"));
        var table = new ResultTable([year, count], [[ResultCell.Of(2021L), ResultCell.Of(1L)], [ResultCell.Of(2022L), ResultCell.Of(2L)]], new QueryMetadata(0, TimeSpan.Zero, 0, null, "public"));
        var visual = new Visual("warm-up", MarkKind.Column, "participants", "year", Width: 160, Height: 120);
        var composer = ChartComposer.Compose(Request(visual, table, theme, Language.English, null));
        composer.Export(ChartFormat.Svg);
        composer.Export(ChartFormat.Png);
    }

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

    /// <summary>
    /// Runs every visual of <paramref name="report"/> through <paramref name="engine"/> and writes one
    /// self-contained HTML document (inline SVG, navigation, data tables, print CSS, <c>dir="rtl"</c> for Arabic).
    /// </summary>
    /// <exception cref="SpecException">The report names measures or dimensions the engine's model lacks, or breaks a mark's rules.</exception>
    public static async Task<string> RenderHtmlAsync(Report report, IQueryRunner engine, Language language, CancellationToken ct = default, ReportRenderOptions? options = null)
    {
        var visuals = await ReportRun.RenderAsync(report, engine, language, png: false, options, null, ct).ConfigureAwait(false);
        return HtmlReportWriter.Write(report, visuals, language, options?.Theme ?? Theme.BuiltIn(report.Theme), options?.Labels ?? Binding.MemberLabels.None);
    }

    /// <summary>
    /// Writes the report to <paramref name="directory"/>: <c>index.html</c>, <c>report.json</c> (the spec), and
    /// every chart as <c>{id}.png</c> and <c>{id}.svg</c>. Reports progress after each query and chart.
    /// </summary>
    /// <returns>The files written, in order.</returns>
    public static async Task<IReadOnlyList<string>> WriteFolderAsync(
        Report report, IQueryRunner engine, Language language, string directory, IProgress<ReportProgress>? progress = null, ReportRenderOptions? options = null, CancellationToken ct = default)
    {
        var visuals = await ReportRun.RenderAsync(report, engine, language, png: true, options, progress, ct).ConfigureAwait(false);
        return await WriteFilesAsync(report, visuals, language, directory, progress, options, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the report to <paramref name="directory"/> from tables already computed (one per visual, in reading
    /// order, as <see cref="Report.VisualsWithFilters"/> lists them): for notebooks and services that hold the data.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteFolderAsync(
        Report report, IReadOnlyList<ResultTable> tables, Language language, string directory, IProgress<ReportProgress>? progress = null, ReportRenderOptions? options = null, CancellationToken ct = default)
    {
        var next = 0;
        if (tables.Count != report.Pages.Sum(p => p.Visuals.Count))
        {
            throw new ArgumentException($"the report has {report.Pages.Sum(p => p.Visuals.Count)} visuals but {tables.Count} tables were given; give one per visual in reading order.", nameof(tables));
        }
        var visuals = await ReportRun.RenderAsync(report, ReportVocabulary.Default, (_, _) => Task.FromResult(tables[next++]), language, png: true, options, progress, ct).ConfigureAwait(false);
        return await WriteFilesAsync(report, visuals, language, directory, progress, options, ct).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<string>> WriteFilesAsync(
        Report report, IReadOnlyList<RenderedVisual> visuals, Language language, string directory, IProgress<ReportProgress>? progress, ReportRenderOptions? options, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        foreach (var v in visuals)
        {
            var png = Path.Combine(directory, v.Visual.Id + ".png");
            var svg = Path.Combine(directory, v.Visual.Id + ".svg");
            await File.WriteAllBytesAsync(png, v.Png!, ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(svg, v.Svg, ct).ConfigureAwait(false);
            files.Add(png);
            files.Add(svg);
        }
        var html = HtmlReportWriter.Write(report, visuals, language, options?.Theme ?? Theme.BuiltIn(report.Theme), options?.Labels ?? Binding.MemberLabels.None);
        var index = Path.Combine(directory, "index.html");
        await File.WriteAllTextAsync(index, html, ct).ConfigureAwait(false);
        var spec = Path.Combine(directory, "report.json");
        await File.WriteAllTextAsync(spec, ReportJson.Write(report), ct).ConfigureAwait(false);
        files.Add(index);
        files.Add(spec);
        var total = (visuals.Count * 2) + 1;
        progress?.Report(new ReportProgress(total, total, "wrote index.html"));
        return files;
    }

    internal static RenderedChart Render(Visual visual, ResultTable table, Theme theme, Language language, ChartOptions? options, ChartFormat format) =>
        Render(visual, table, theme, language, options, [format])[0];

    /// <summary>
    /// Renders <paramref name="visual"/> in each of <paramref name="formats"/> from one composition (the data, layout and
    /// text shaping are done once); each export is its own <c>sesric.render</c> span, the first including the composition.
    /// </summary>
    internal static IReadOnlyList<RenderedChart> Render(Visual visual, ResultTable table, Theme theme, Language language, ChartOptions? options, IReadOnlyList<ChartFormat> formats)
    {
        var charts = new RenderedChart[formats.Count];
        ChartComposer? composer = null;
        for (var i = 0; i < formats.Count; i++)
        {
            using var span = Telemetry.SesricTelemetry.Start("sesric.render")?.SetTag("sesric.render.format", formats[i].ToString().ToLowerInvariant()).SetTag("sesric.render.visual", visual.Id);
            if (composer is null)
            {
                var problems = ReportValidator.ValidateVisual(visual, "visual", options?.Vocabulary);
                if (problems.Count > 0)
                {
                    throw new SpecException(problems);
                }
                composer = ChartComposer.Compose(Request(visual, table, theme, language, options));
            }
            charts[i] = composer.Export(formats[i]);
        }
        return charts;
    }

    /// <summary>Renders a visual whose measure and category are the table's own columns rather than the semantic model's (checked by its builder).</summary>
    internal static RenderedChart RenderChecked(Visual visual, ResultTable table, Theme theme, Language language, ChartOptions? options, ChartFormat format) =>
        ChartComposer.Render(Request(visual, table, theme, language, options), format);

    private static ChartRequest Request(Visual visual, ResultTable table, Theme theme, Language language, ChartOptions? options)
    {
        options ??= new ChartOptions();
        return new ChartRequest(visual, table, theme, language, options.Colors ?? new MemberColors(theme),
            options.Filters ?? visual.Filters, options.Source, options.Forecast, options.Labels ?? Binding.MemberLabels.None, visual.Id, options.Totals, options.EditionYears, options.Expected);
    }
}

/// <summary>Optional inputs of a chart render.</summary>
/// <param name="Filters">Filters of every scope that apply, for the caption (default: the visual's own).</param>
/// <param name="Source">The source line, or null for "SESRIC".</param>
/// <param name="Forecast">A forecast band for line/area visuals with <see cref="Visual.Forecast"/> set.</param>
/// <param name="Colors">Report-wide member colours, so a member keeps its colour across visuals.</param>
/// <param name="Vocabulary">The measures and dimensions to validate against (default: the semantic model's).</param>
/// <param name="Labels">Display names of members (member-state names from the catalogue); default: codes as they are.</param>
/// <param name="Totals">The engine's answer to <see cref="Binding.VisualQuery.Totals"/> for this visual: the totals a donut's centre,
/// a stacked chart's labels and shares, and a top N's ranking use. Without it a chart shows the total of the shown parts and says so.</param>
/// <param name="EditionYears">The years the programme held editions: a time axis takes its cadence from them and names
/// the editions whose figures are unknown; null to judge from the data alone.</param>
/// <param name="Expected">An expected value with its intervals at a line visual's own categories (see <see cref="ExpectedRange"/>), or null.</param>
public sealed record ChartOptions(
    IReadOnlyList<FilterSpec>? Filters = null,
    LocalizedText? Source = null,
    ForecastBand? Forecast = null,
    MemberColors? Colors = null,
    ReportVocabulary? Vocabulary = null,
    Binding.MemberLabels? Labels = null,
    ResultTable? Totals = null,
    IReadOnlyList<int>? EditionYears = null,
    ExpectedRange? Expected = null);
