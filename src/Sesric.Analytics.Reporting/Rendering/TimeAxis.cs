using System.Globalization;

namespace Sesric.Analytics.Reporting.Rendering;

/// <summary>
/// Categories that are years, placed by time: 2017 sits three steps from 2020, every year of the range gets a tick,
/// and a line breaks across a gap instead of joining the editions on either side.
/// </summary>
/// <param name="Positions">Each category's year, as its x position.</param>
/// <param name="Cadence">The programme's usual gap between editions (the most common gap; 1 when there is one category).</param>
/// <param name="Ticks">The tick years, one per cadence step from the first year to the last (including extra years such as a forecast's).</param>
/// <param name="Missing">The cadence-step years in the range with no category: editions whose figures are unknown.</param>
/// <param name="Editions">The years editions were held, when known (from the catalogue); empty when only the data is known.</param>
internal sealed record TimeAxis(double[] Positions, int Cadence, IReadOnlyList<int> Ticks, IReadOnlyList<int> Missing, IReadOnlyList<int> Editions)
{
    /// <summary>
    /// The time axis of <paramref name="data"/>, or null when its categories are not all years. With
    /// <paramref name="editionYears"/> (the years the programme held editions) the cadence and the missing editions come
    /// from them; without, from the gaps between the categories.
    /// </summary>
    public static TimeAxis? Of(ChartData data, IEnumerable<int>? extraYears = null, IReadOnlyList<int>? editionYears = null)
    {
        if (data.CategoryFormat != Querying.ValueFormat.Year || data.CategoryKeys.Count == 0)
        {
            return null;
        }
        var years = new int[data.CategoryKeys.Count];
        for (var i = 0; i < years.Length; i++)
        {
            if (!int.TryParse(data.CategoryKeys[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out years[i]))
            {
                return null;
            }
        }
        var sorted = years.Distinct().Order().ToArray();
        var editions = (editionYears ?? []).Where(y => y >= sorted[0] && y <= sorted[^1]).Distinct().Order().ToArray();
        var basis = editions.Length >= 2 ? editions : sorted;
        var gaps = basis.Zip(basis.Skip(1), (a, b) => b - a).ToArray();
        var cadence = gaps.Length == 0 ? 1 : gaps.GroupBy(g => g).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var last = Math.Max(sorted[^1], (extraYears ?? []).DefaultIfEmpty(sorted[^1]).Max());
        var ticks = new List<int>();
        for (var y = sorted[0]; y <= last; y += cadence)
        {
            ticks.Add(y);
        }
        var missing = editions.Length > 0
            ? editions.Where(e => !sorted.Contains(e)).ToList()
            : ticks.Where(t => t < sorted[^1] && !sorted.Contains(t)).ToList();
        return new TimeAxis([.. years.Select(y => (double)y)], cadence, ticks, missing, editions);
    }

    /// <summary>
    /// Whether the line may join categories <paramref name="a"/> and <paramref name="b"/>: no edition was held between
    /// them (when the editions are known), or they are one cadence step apart.
    /// </summary>
    public bool Adjacent(int a, int b)
    {
        var (from, to) = (Math.Min(Positions[a], Positions[b]), Math.Max(Positions[a], Positions[b]));
        return Editions.Count > 0 ? !Editions.Any(e => e > from && e < to) : to - from <= Cadence;
    }
}
