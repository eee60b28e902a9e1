using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>Orders rows by the order-by keys; a value not shown (suppressed or unknown) comes after every shown value in either direction.</summary>
internal sealed class RowComparer(IReadOnlyList<(int Column, bool Descending)> order) : IComparer<ResultCell[]>
{
    public int Compare(ResultCell[]? x, ResultCell[]? y)
    {
        foreach (var (column, descending) in order)
        {
            var a = x![column];
            var b = y![column];
            var aShown = a.Status == CellStatus.Ok;
            var bShown = b.Status == CellStatus.Ok;
            if (aShown != bShown)
            {
                return aShown ? -1 : 1;
            }
            if (!aShown)
            {
                continue;
            }
            var c = RowKeys.CompareValues(a.Value, b.Value);
            if (c != 0)
            {
                return descending ? -c : c;
            }
        }
        return 0;
    }
}
