using System.Globalization;

using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Cli.Output;

/// <summary>Turns the semantic engine's <see cref="ResultTable"/> into a <see cref="Listing"/> to print.</summary>
public static class ResultListing
{
    /// <summary>
    /// The listing for <paramref name="table"/>. For a table or TSV values are formatted for
    /// people (percentages, signs, thousands); for CSV and JSON they stay raw numbers. Suppressed cells become
    /// <see cref="SuppressedCell"/>, unknown cells null.
    /// </summary>
    public static Listing From(ResultTable table, OutputFormat format)
    {
        ArgumentNullException.ThrowIfNull(table);
        var forPeople = format.IsForPeople();
        var columns = table.Columns
            .Select(c => new ListingColumn(c.Name, forPeople ? c.Label.English : c.Name, Numeric: c.Type is ColumnType.Integer or ColumnType.Number))
            .ToArray();
        var rows = table.Rows
            .Select(row => row.Select((cell, i) => Cell(cell, table.Columns[i], forPeople)).ToArray())
            .ToArray();
        return new Listing(columns, rows);
    }

    /// <summary>One cell: its raw value, or (for people) the value in the column's format.</summary>
    public static object? Cell(ResultCell cell, ResultColumn column, bool forPeople)
    {
        ArgumentNullException.ThrowIfNull(column);
        return cell.Status switch
        {
            CellStatus.Suppressed => SuppressedCell.Instance,
            CellStatus.Unknown => null,
            _ when cell.Value is null => null,
            _ when forPeople => Format(cell, column.Format),
            _ => cell.Value,
        };
    }

    /// <summary>A value in <paramref name="format"/>, culture-independent: <c>45.2%</c>, <c>+3</c>, <c>1,234</c>.</summary>
    public static string Format(ResultCell cell, ValueFormat format)
    {
        var number = cell.AsDouble();
        if (number is not { } n)
        {
            return Convert.ToString(cell.Value, CultureInfo.InvariantCulture) ?? "";
        }
        var c = CultureInfo.InvariantCulture;
        return format switch
        {
            ValueFormat.Year => n.ToString("0", c),
            ValueFormat.Integer => n.ToString("#,0", c),
            ValueFormat.SignedInteger => n.ToString("+#,0;-#,0;0", c),
            ValueFormat.Decimal => n.ToString("#,0.0#", c),
            ValueFormat.Percent => (n * 100).ToString("0.0", c) + "%",
            ValueFormat.SignedPercent => (n * 100).ToString("+0.0;-0.0;0.0", c) + "%",
            _ => Convert.ToString(cell.Value, c) ?? "",
        };
    }
}
