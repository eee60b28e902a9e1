using System.Globalization;

using Sesric.Analytics.Querying;

using V1 = Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.Api.Mapping;

/// <summary>Maps the engine's typed <see cref="ResultTable"/> to API messages; suppressed and unknown cells keep their status and carry no value.</summary>
public static class ResultMapper
{
    /// <summary>The columns.</summary>
    public static IEnumerable<V1.ResultColumn> Columns(ResultTable table) => table.Columns.Select(c => new V1.ResultColumn
    {
        Name = c.Name,
        Role = c.Role == ColumnRole.Dimension ? V1.ColumnRole.Dimension : V1.ColumnRole.Measure,
        Type = ToProto(c.Type),
        Format = ToProto(c.Format),
        Label = CatalogMapper.ToProto(c.Label),
    });

    /// <summary>The API's column type.</summary>
    public static V1.ColumnType ToProto(ColumnType type) => type switch
    {
        ColumnType.String => V1.ColumnType.String,
        ColumnType.Integer => V1.ColumnType.Integer,
        ColumnType.Number => V1.ColumnType.Number,
        _ => V1.ColumnType.Date,
    };

    /// <summary>The API's value format.</summary>
    public static V1.ValueFormat ToProto(ValueFormat format) => format switch
    {
        ValueFormat.Text => V1.ValueFormat.Text,
        ValueFormat.Integer => V1.ValueFormat.Integer,
        ValueFormat.Decimal => V1.ValueFormat.Decimal,
        ValueFormat.Percent => V1.ValueFormat.Percent,
        ValueFormat.Year => V1.ValueFormat.Year,
        ValueFormat.SignedInteger => V1.ValueFormat.SignedInteger,
        ValueFormat.SignedPercent => V1.ValueFormat.SignedPercent,
        _ => V1.ValueFormat.Unspecified,
    };

    /// <summary>Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of the table.</summary>
    public static IEnumerable<V1.ResultRow> Rows(ResultTable table, int start, int count)
    {
        for (var i = start; i < Math.Min(table.Rows.Count, start + count); i++)
        {
            var row = new V1.ResultRow();
            var cells = table.Rows[i];
            for (var c = 0; c < cells.Count; c++)
            {
                row.Cells.Add(Cell(cells[c], table.Columns[c].Type));
            }
            yield return row;
        }
    }

    /// <summary>The metadata.</summary>
    public static V1.QueryMetadata Metadata(QueryMetadata metadata)
    {
        var message = new V1.QueryMetadata
        {
            TotalRows = metadata.TotalRows,
            ElapsedMs = metadata.Elapsed.TotalMilliseconds,
            SuppressedCells = metadata.SuppressedCells,
            Policy = metadata.Policy,
            PerturbationTable = metadata.PerturbationTable ?? "",
            PerturbedCells = metadata.PerturbedCells,
        };
        if (metadata.SyntheticShare is { } share)
        {
            message.SyntheticShare = share;
        }
        return message;
    }

    private static V1.ResultCell Cell(ResultCell cell, ColumnType type)
    {
        switch (cell.Status)
        {
            case CellStatus.Suppressed:
                return new V1.ResultCell { Status = V1.CellStatus.Suppressed };
            case CellStatus.Unknown:
            case CellStatus.Ok when cell.Value is null:
                return new V1.ResultCell { Status = V1.CellStatus.Unknown };
        }
        var message = new V1.ResultCell { Status = V1.CellStatus.Ok };
        switch (type, cell.Value)
        {
            case (_, DateOnly day):
                message.DateValue = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                break;
            case (ColumnType.Integer, _):
                message.IntegerValue = Convert.ToInt64(cell.Value, CultureInfo.InvariantCulture);
                break;
            case (ColumnType.Number, _):
                message.NumberValue = Convert.ToDouble(cell.Value, CultureInfo.InvariantCulture);
                break;
            default:
                message.StringValue = Convert.ToString(cell.Value, CultureInfo.InvariantCulture) ?? "";
                break;
        }
        return message;
    }
}
