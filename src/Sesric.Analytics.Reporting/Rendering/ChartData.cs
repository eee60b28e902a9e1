using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Binding;
using Sesric.Analytics.Reporting.Formatting;

namespace Sesric.Analytics.Reporting.Rendering;

/// <summary>One series of a chart: a member of the series dimension (or the measure itself) with a value per category.</summary>
/// <param name="Key">The member's raw value (colour key).</param>
/// <param name="Label">Its display label.</param>
/// <param name="Values">A value per category; null where the cell is suppressed, unknown or missing.</param>
/// <param name="Statuses">The status per category (missing rows are <see cref="CellStatus.Unknown"/>).</param>
internal sealed record SeriesData(string Key, string Label, double?[] Values, CellStatus[] Statuses);

/// <summary>
/// A <see cref="ResultTable"/> reshaped for one visual: categories along the axis, series across, labels and
/// formats in the chosen language.
/// </summary>
internal sealed record ChartData(
    string MeasureLabel,
    ValueFormat MeasureFormat,
    string CategoryLabel,
    ValueFormat CategoryFormat,
    IReadOnlyList<string> CategoryKeys,
    IReadOnlyList<string> Categories,
    IReadOnlyList<SeriesData> Series,
    SeriesData? Line,
    string? LineLabel,
    ValueFormat LineFormat,
    bool HasSeriesDimension)
{
    /// <summary>The engine's total per category (aligned with <see cref="Categories"/>), or null when the engine gave none.</summary>
    public IReadOnlyList<ResultCell?>? CategoryTotals { get; init; }

    /// <summary>The engine's total over every category (a donut's whole), or null when the engine gave none.</summary>
    public ResultCell? GrandTotal { get; init; }

    public bool IsEmpty => Categories.Count == 0 || Series.Count == 0;

    /// <summary>The suppressed cells among those the chart shows (bars and a combo's line alike): what the footer and alt text count.</summary>
    public int SuppressedShown =>
        Series.Sum(s => s.Statuses.Count(st => st == CellStatus.Suppressed)) + (Line?.Statuses.Count(st => st == CellStatus.Suppressed) ?? 0);

    /// <summary>All shown values with their category and series.</summary>
    public IEnumerable<(int Category, SeriesData Series, double Value)> Points() =>
        Series.SelectMany(s => s.Values.Select((v, i) => (i, s, v)).Where(p => p.v.HasValue).Select(p => (p.i, s, p.v!.Value)));

    public static ChartData From(Visual visual, ResultTable table, Language language, ValueFormatter formatter, MemberLabels labels, ResultTable? totals = null)
    {
        string Show(ResultColumn column, ResultCell cell, ValueFormat format) =>
            cell.Value is string member ? labels.Label(column.Name, member, language) : formatter.Format(cell, format);

        var measureIndex = table.IndexOf(visual.Measure);
        var measureColumn = table.Columns[measureIndex];
        var categoryName = visual.Category ?? table.Columns.FirstOrDefault(c => c.Role == ColumnRole.Dimension)?.Name;
        var categoryIndex = categoryName is null ? -1 : table.IndexOf(categoryName);
        var seriesIndex = visual.Series is null ? -1 : table.IndexOf(visual.Series);
        var lineIndex = visual.LineMeasure is null ? -1 : table.IndexOf(visual.LineMeasure);
        var categoryColumn = categoryIndex < 0 ? null : table.Columns[categoryIndex];
        var categoryFormat = categoryColumn is null ? ValueFormat.Text
            : categoryColumn.Format;

        var categoryKeys = new List<string>();
        var categoryLabels = new List<string>();
        var seriesKeys = new List<string>();
        var seriesLabels = new List<string>();
        var cells = new Dictionary<(int Category, int Series), ResultCell>();
        var lineCells = new Dictionary<int, ResultCell>();
        foreach (var row in table.Rows)
        {
            var catKey = categoryIndex < 0 ? "" : Key(row[categoryIndex]);
            var c = categoryKeys.IndexOf(catKey);
            if (c < 0)
            {
                c = categoryKeys.Count;
                categoryKeys.Add(catKey);
                categoryLabels.Add(categoryIndex < 0 ? measureColumn.Label.In(language) : Show(categoryColumn!, row[categoryIndex], categoryFormat));
            }
            var serKey = seriesIndex < 0 ? visual.Measure : Key(row[seriesIndex]);
            var s = seriesKeys.IndexOf(serKey);
            if (s < 0)
            {
                s = seriesKeys.Count;
                seriesKeys.Add(serKey);
                seriesLabels.Add(seriesIndex < 0 ? measureColumn.Label.In(language)
                    : Show(table.Columns[seriesIndex], row[seriesIndex], table.Columns[seriesIndex].Format));
            }
            cells[(c, s)] = row[measureIndex];
            if (lineIndex >= 0)
            {
                lineCells[c] = row[lineIndex];
            }
        }

        // The engine's totals: one row without dimensions (a grand total), or one row per category.
        ResultCell? grandTotal = null;
        var totalOf = new Dictionary<string, ResultCell>(StringComparer.Ordinal);
        if (totals is not null && totals.Rows.Count > 0)
        {
            var totalIndex = totals.IndexOf(visual.Measure);
            var totalCategory = categoryName is null ? -1 : totals.Columns.ToList().FindIndex(col => col.Name == categoryName);
            if (totalCategory < 0)
            {
                grandTotal = totals.Rows[0][totalIndex];
            }
            else
            {
                foreach (var row in totals.Rows)
                {
                    totalOf[Key(row[totalCategory])] = row[totalIndex];
                }
            }
        }

        var order = Enumerable.Range(0, categoryKeys.Count).ToList();
        if (visual.Limit is { } limit && categoryKeys.Count > limit)
        {
            // Top categories by the engine's total when it gave one, else by the shown parts. Ties go by the member's
            // code, never by its label: labels are translated, and a top N must be the same set in every language.
            double Rank(int c) => totalOf.TryGetValue(categoryKeys[c], out var total) && total.AsDouble() is { } t
                ? t
                : Enumerable.Range(0, seriesKeys.Count).Sum(s => cells.TryGetValue((c, s), out var cell) ? cell.AsDouble() ?? 0 : 0);
            order = [.. order
                .OrderByDescending(Rank)
                .ThenBy(c => categoryKeys[c], StringComparer.Ordinal)
                .Take(limit)];
        }

        SeriesData Build(string key, string label, Func<int, ResultCell?> cellAt) => new(
            key,
            label,
            [.. order.Select(c => cellAt(c) is { Status: CellStatus.Ok } cell ? cell.AsDouble() : null)],
            [.. order.Select(c => cellAt(c)?.Status ?? CellStatus.Unknown)]);

        // Series along time (years as heatmap columns, small-multiple panels) go in time order; members keep the engine's order.
        var seriesOrder = Enumerable.Range(0, seriesKeys.Count).ToList();
        if (seriesIndex >= 0 && table.Columns[seriesIndex].Type == ColumnType.Integer)
        {
            seriesOrder = [.. seriesOrder.OrderBy(s => long.TryParse(seriesKeys[s], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue)];
        }
        var series = seriesOrder.Select(s => Build(seriesKeys[s], seriesLabels[s], c => cells.TryGetValue((c, s), out var cell) ? cell : null)).ToList();
        var line = lineIndex < 0 ? null : Build(visual.LineMeasure!, table.Columns[lineIndex].Label.In(language), c => lineCells.TryGetValue(c, out var cell) ? cell : null);
        return new ChartData(
            measureColumn.Label.In(language),
            measureColumn.Format,
            categoryColumn?.Label.In(language) ?? "",
            categoryFormat,
            [.. order.Select(c => categoryKeys[c])],
            [.. order.Select(c => categoryLabels[c])],
            series,
            line,
            lineIndex < 0 ? null : table.Columns[lineIndex].Label.In(language),
            lineIndex < 0 ? ValueFormat.Integer : table.Columns[lineIndex].Format,
            seriesIndex >= 0)
        {
            GrandTotal = grandTotal,
            CategoryTotals = totalOf.Count == 0 ? null : [.. order.Select(c => totalOf.TryGetValue(categoryKeys[c], out var cell) ? cell : (ResultCell?)null)],
        };
    }

    /// <summary>The invariant key of a cell's value (a member's code, a year), as categories and series are keyed.</summary>
    internal static string Key(ResultCell cell) => cell.Value switch
    {
        null => cell.Status.ToString(),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };
}
