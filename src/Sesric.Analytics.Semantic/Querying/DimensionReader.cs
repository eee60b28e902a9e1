using System.Globalization;

using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>Reads one dimension's values from its column as the dimension's type.</summary>
internal sealed class DimensionReader(SqlColumn column, ColumnType type)
{
    // A year column repeats a few dozen values over thousands of rows: one box per distinct value.
    private const int MaxBoxes = 4096;

    private readonly Dictionary<long, object> _boxes = [];

    public object? Value(int row)
    {
        if (type == ColumnType.String && column is SqlColumn<string> text)
        {
            // Already the dimension's type; keep the store's object (no copy).
            return text[row];
        }
        if (type == ColumnType.Integer && column is SqlColumn<long> integers)
        {
            return integers.IsNull(row) ? null : Box(integers[row]);
        }
        return ToDimensionValue(column.GetValue(row), type);
    }

    private object Box(long value)
    {
        if (_boxes.TryGetValue(value, out var box))
        {
            return box;
        }
        box = value;
        if (_boxes.Count < MaxBoxes)
        {
            _boxes.Add(value, box);
        }
        return box;
    }

    private static object? ToDimensionValue(object? value, ColumnType type) => value switch
    {
        null => null,
        // The usual case: already the dimension's type; keep the object (no copy, no new box).
        string when type == ColumnType.String => value,
        long when type == ColumnType.Integer => value,
        _ when type == ColumnType.Integer => ComponentColumns.ToLong(value),
        DateTime dt when type == ColumnType.Date => DateOnly.FromDateTime(dt),
        DateOnly d => d,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
