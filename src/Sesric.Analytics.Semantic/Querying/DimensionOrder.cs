namespace Sesric.Analytics.Semantic;

/// <summary>
/// The order of text dimension values in results: ordinal, except that a value ending in <c>/</c> and digits (an
/// edition, <c>programme/number</c>) compares the text before the slash first and then the number as a number,
/// so <c>oic-statcom/8</c> comes before <c>oic-statcom/11</c>, and every edition of a programme before those of a
/// programme whose id it prefixes (<c>oic-statcom/14</c> before <c>oic-statcom-follow-up/1</c>).
/// </summary>
/// <remarks>
/// The edition dimension's <c>ORDER BY</c> (<see cref="DimensionDefinition.OrderSql"/>) sorts the same way in the
/// database, so results usually arrive in order; the engine checks with this comparer and sorts when they do not.
/// </remarks>
public static class DimensionOrder
{
    /// <summary>Compares two dimension values as described on the class.</summary>
    public static int CompareText(string x, string y)
    {
        if (TrySplitNumbered(x, out var xSlash, out var xNumber) && TrySplitNumbered(y, out var ySlash, out var yNumber))
        {
            var text = x.AsSpan(0, xSlash).SequenceCompareTo(y.AsSpan(0, ySlash));
            return text != 0 ? text : xNumber.CompareTo(yNumber);
        }
        return string.CompareOrdinal(x, y);
    }

    /// <summary>Whether the value ends in <c>/</c> and 1-9 digits: the slash's position and the number after it.</summary>
    private static bool TrySplitNumbered(string value, out int slash, out int number)
    {
        slash = value.LastIndexOf('/');
        number = 0;
        var digits = value.Length - slash - 1;
        if (slash < 0 || digits is < 1 or > 9)
        {
            return false;
        }
        for (var i = slash + 1; i < value.Length; i++)
        {
            if (value[i] is < '0' or > '9')
            {
                return false;
            }
            number = (number * 10) + (value[i] - '0');
        }
        return true;
    }
}
