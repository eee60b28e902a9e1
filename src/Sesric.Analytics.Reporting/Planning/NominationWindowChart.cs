using System.Globalization;

using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Theming;

namespace Sesric.Analytics.Reporting.Planning;

/// <summary>One day of a nomination window: the nominations received by then and the attendance expected from them.</summary>
/// <param name="AsOf">The day.</param>
/// <param name="Received">Nominations received up to and including the day.</param>
/// <param name="Expected">Expected attendance from those nominations.</param>
/// <param name="Lower80">The 80 % interval's lower end.</param>
/// <param name="Upper80">The 80 % interval's upper end.</param>
/// <param name="Lower95">The 95 % interval's lower end.</param>
/// <param name="Upper95">The 95 % interval's upper end.</param>
public sealed record NominationWindowPoint(DateOnly AsOf, int Received, double Expected, int Lower80, int Upper80, int Lower95, int Upper95);

/// <summary>
/// The planners' chart of a nomination window: nominations received over the window as a line, and the attendance expected
/// from them at each day as a dashed line in its 80 % and 95 % bands, so the gap between the two is the expected no-shows.
/// Built from plain numbers (the forecasting library computes them; this library does not depend on it).
/// </summary>
/// <remarks>Its measure and days are not the semantic model's: the chart is drawn from the numbers it is given, which
/// <see cref="Build"/> checks.</remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class NominationWindowChart
{
    private NominationWindowChart(Visual visual, ResultTable table, ChartOptions options)
    {
        Visual = visual;
        Table = table;
        Options = options;
    }

    /// <summary>The visual (a line of nominations received by day).</summary>
    public Visual Visual { get; }

    /// <summary>The days and nominations received.</summary>
    public ResultTable Table { get; }

    /// <summary>The options carrying the expected attendance range.</summary>
    public ChartOptions Options { get; }

    /// <summary>The measure column of the chart's table.</summary>
    public const string ReceivedColumn = "nominations_received";

    /// <summary>The category column (days, <c>yyyy-MM-dd</c>).</summary>
    public const string DayColumn = "as_of";

    /// <summary>
    /// The chart of <paramref name="points"/> (one per day shown, in date order) of
    /// <paramref name="edition"/>. The figures are exact counts from a nomination list: the provenance line says they are internal.
    /// </summary>
    /// <exception cref="ArgumentException">No points, days out of order or repeated, or intervals that are not nested within 0 and the nominations received.</exception>
    public static NominationWindowChart Build(string edition, IReadOnlyList<NominationWindowPoint> points, int width = Visual.DefaultWidth, int height = Visual.DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            throw new ArgumentException("a nomination window chart needs at least one day.", nameof(points));
        }
        foreach (var p in points)
        {
            // Intervals of a count are whole numbers and need not hold a fractional expectation; they must be nested and in range.
            if (!(0 <= p.Lower95 && p.Lower95 <= p.Lower80 && p.Lower80 <= p.Upper80 && p.Upper80 <= p.Upper95 && p.Upper95 <= p.Received
                  && double.IsFinite(p.Expected) && 0 <= p.Expected && p.Expected <= p.Received))
            {
                throw new ArgumentException(
                    $"{p.AsOf:yyyy-MM-dd}: expected {p.Expected} with 80 % [{p.Lower80}, {p.Upper80}] and 95 % [{p.Lower95}, {p.Upper95}] must lie within 0 and the {p.Received} received, the 95 % interval holding the 80 % one.",
                    nameof(points));
            }
        }
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].AsOf <= points[i - 1].AsOf)
            {
                throw new ArgumentException($"days must increase: {points[i].AsOf:yyyy-MM-dd} follows {points[i - 1].AsOf:yyyy-MM-dd}.", nameof(points));
            }
        }
        var day = new ResultColumn(DayColumn, ColumnRole.Dimension, ColumnType.String, ValueFormat.Text, new LocalizedText("Received by", "حتى تاريخ", "Reçues au"));
        var received = new ResultColumn(ReceivedColumn, ColumnRole.Measure, ColumnType.Integer, ValueFormat.Integer,
            new LocalizedText("Nominations received", "الترشيحات الواردة", "Candidatures reçues"));
        var rows = points.Select(p => (IReadOnlyList<ResultCell>)[ResultCell.Of(Day(p.AsOf)), ResultCell.Of((long)p.Received)]).ToArray();
        var table = new ResultTable([day, received], rows, new QueryMetadata(rows.Length, TimeSpan.Zero, 0, null, "internal"));
        var visual = new Visual(
            "nomination-window", MarkKind.Line, ReceivedColumn, DayColumn,
            Title: new LocalizedText($"Nominations received and expected attendance, {edition}", $"الترشيحات الواردة والحضور المتوقع، {edition}", $"Candidatures reçues et participation attendue, {edition}"),
            Width: width, Height: height);
        var range = new ExpectedRange(
            new LocalizedText("Expected attendance (80 % and 95 % intervals)", "الحضور المتوقع (فترتا 80٪ و95٪)", "Participation attendue (intervalles à 80\u00A0% et 95\u00A0%)"),
            points.Select(p => new ForecastPoint(Day(p.AsOf), p.Expected, p.Lower80, p.Upper80, p.Lower95, p.Upper95)).ToArray(),
            0.8, 0.95);
        return new NominationWindowChart(visual, table, new ChartOptions(Expected: range));
    }

    /// <summary>The chart as SVG (byte-identical for the same points, theme and language).</summary>
    public string RenderSvg(Theme theme, Language language) => ReportRenderer.RenderChecked(Visual, Table, theme, language, Options, ChartFormat.Svg).Svg!;

    /// <summary>The chart as PNG.</summary>
    public byte[] RenderPng(Theme theme, Language language) => ReportRenderer.RenderChecked(Visual, Table, theme, language, Options, ChartFormat.Png).Png!;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
