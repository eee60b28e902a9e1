using System.Globalization;
using System.Text.Json;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// The cell key method's perturbation table: for a cell's true count and its cell key, the count the public
/// policy publishes. Versioned data (an embedded JSON file), checked when loaded.
/// </summary>
/// <remarks>
/// <para>A cell's key is the sum of the record keys (<see cref="RecordKey"/>) of the people (or participations) in it,
/// modulo <see cref="RecordKey.Modulus"/>: the same set of records always has the same key, so it always gets the same
/// adjustment, in every query, page, chart and report, on every machine. The key is uniform over its range for any
/// non-empty cell, so the adjustment follows the row's probabilities.</para>
/// <para>Invariants of every table (checked on load, so a bad edit fails at start-up and in tests): each row's
/// probabilities sum to 1; no outcome is 1 or 2; no outcome is negative; each row's mean outcome is its count
/// (the adjustment is unbiased, so totals of many cells stay close); a count of 0 is always published as 0 (an empty
/// cell holds nobody to protect).</para>
/// <para>Probabilities become integer thresholds over the key's range once, so the lookup uses no floating point
/// and gives the same answer on every machine.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class PerturbationTable
{
    private const string ResourcePrefix = "Sesric.Analytics.Semantic.Disclosure.Tables.";

    private readonly (long[] Thresholds, long[] Values)[] _rows;
    private readonly long[] _tailThresholds;
    private readonly long[] _tailOffsets;

    private PerturbationTable(string version, (long[], long[])[] rows, long[] tailThresholds, long[] tailOffsets, int largestChange)
    {
        Version = version;
        _rows = rows;
        _tailThresholds = tailThresholds;
        _tailOffsets = tailOffsets;
        LargestChange = largestChange;
    }

    /// <summary>The table in force for the public policy.</summary>
    public static PerturbationTable Current { get; } = Load("ptable-v1");

    /// <summary>The table's version, such as <c>ptable-v1</c>; every public result names it.</summary>
    public string Version { get; }

    /// <summary>The largest difference between a true count and its published value that the table allows.</summary>
    public int LargestChange { get; }

    /// <summary>The first count from which the tail row's offsets apply.</summary>
    public int TailFrom => _rows.Length + 1;

    /// <summary>Loads an embedded table by version (such as <c>ptable-v1</c>), checking its invariants.</summary>
    /// <exception cref="InvalidDataException">The table breaks an invariant (the message names it).</exception>
    public static PerturbationTable Load(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        using var stream = typeof(PerturbationTable).Assembly.GetManifestResourceStream(ResourcePrefix + version + ".json")
            ?? throw new ArgumentException($"no perturbation table '{version}' is built in.", nameof(version));
        using var document = JsonDocument.Parse(stream);
        return Parse(document.RootElement);
    }

    /// <summary>Reads a table from its JSON form (see the embedded <c>ptable-v1.json</c>), checking its invariants.</summary>
    /// <exception cref="InvalidDataException">The table breaks an invariant (the message names it).</exception>
    public static PerturbationTable Parse(JsonElement root)
    {
        var version = root.GetProperty("version").GetString() ?? throw new InvalidDataException("version: missing.");
        var rows = new List<(long[], long[])>();
        var largest = 0;
        var expectedCount = 1;
        foreach (var row in root.GetProperty("rows").EnumerateArray())
        {
            var count = row.GetProperty("count").GetInt32();
            if (count != expectedCount)
            {
                throw new InvalidDataException($"{version}: rows[{expectedCount - 1}].count is {count}; rows must be counts 1, 2, 3, … in order.");
            }
            var (thresholds, values) = Outcomes(version, $"rows[{count - 1}]", row.GetProperty("outcomes"), count, offsets: false);
            largest = Math.Max(largest, values.Max(v => (int)Math.Abs(v - count)));
            rows.Add((thresholds, values));
            expectedCount++;
        }
        var tailFrom = root.GetProperty("tailFrom").GetInt32();
        if (tailFrom != expectedCount)
        {
            throw new InvalidDataException($"{version}: tailFrom is {tailFrom} but the rows end at {expectedCount - 1}; the tail starts right after the last row.");
        }
        var (tailThresholds, tailOffsets) = Outcomes(version, "tailOffsets", root.GetProperty("tailOffsets"), tailFrom, offsets: true);
        if (tailFrom + tailOffsets.Min() < 3)
        {
            throw new InvalidDataException($"{version}: tailOffsets can publish {tailFrom + tailOffsets.Min()} for a count of {tailFrom}; outcomes 1 and 2 are never published.");
        }
        largest = Math.Max(largest, tailOffsets.Max(v => (int)Math.Abs(v)));
        return new PerturbationTable(version, [.. rows], tailThresholds, tailOffsets, largest);
    }

    /// <summary>
    /// The published value of a cell counting <paramref name="count"/> records whose cell key is
    /// <paramref name="cellKey"/> (any integer: it is reduced modulo <see cref="RecordKey.Modulus"/>).
    /// </summary>
    public long Perturb(long count, long cellKey)
    {
        if (count <= 0)
        {
            return count;
        }
        var key = ((cellKey % RecordKey.Modulus) + RecordKey.Modulus) % RecordKey.Modulus;
        if (count < TailFrom)
        {
            var (thresholds, values) = _rows[count - 1];
            return values[Pick(thresholds, key)];
        }
        return count + _tailOffsets[Pick(_tailThresholds, key)];
    }

    /// <summary>
    /// The smallest value the table may publish for a cell counting <paramref name="count"/> records, whatever its key (0 for
    /// counts the table may hide as 0, more from the tail on): a sum of published counts that includes such a cell is known
    /// to be positive without its key.
    /// </summary>
    public long SmallestPublished(long count)
    {
        if (count <= 0)
        {
            return count;
        }
        return count < TailFrom ? _rows[count - 1].Values.Min() : count + _tailOffsets.Min();
    }

    /// <summary>The probability that a cell of <paramref name="count"/> records is published as <paramref name="published"/> (for analyses and tests).</summary>
    public double Probability(long count, long published)
    {
        if (count <= 0)
        {
            return published == count ? 1 : 0;
        }
        var (thresholds, values) = count < TailFrom ? _rows[count - 1] : (_tailThresholds, _tailOffsets.Select(o => count + o).ToArray());
        var p = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] == published)
            {
                p += (thresholds[i] - (i == 0 ? 0 : thresholds[i - 1])) / (double)RecordKey.Modulus;
            }
        }
        return p;
    }

    private static int Pick(long[] thresholds, long key)
    {
        for (var i = 0; i < thresholds.Length - 1; i++)
        {
            if (key < thresholds[i])
            {
                return i;
            }
        }
        return thresholds.Length - 1;
    }

    private static (long[] Thresholds, long[] Values) Outcomes(string version, string path, JsonElement outcomes, int count, bool offsets)
    {
        var values = new List<long>();
        var probabilities = new List<double>();
        var i = 0;
        foreach (var outcome in outcomes.EnumerateArray())
        {
            var value = outcome.GetProperty("value").GetInt64();
            var p = outcome.GetProperty("p").GetDouble();
            var published = offsets ? count + value : value;
            if (p is <= 0 or > 1)
            {
                throw new InvalidDataException($"{version}: {path}.outcomes[{i}].p is {p.ToString(CultureInfo.InvariantCulture)}; a probability lies in (0, 1].");
            }
            if (published < 0)
            {
                throw new InvalidDataException($"{version}: {path}[{i}] publishes {published}; a count is never negative.");
            }
            if (published is 1 or 2)
            {
                throw new InvalidDataException($"{version}: {path}[{i}] publishes {published}; counts of 1 and 2 are never published as such.");
            }
            values.Add(value);
            probabilities.Add(p);
            i++;
        }
        var sum = probabilities.Sum();
        if (Math.Abs(sum - 1) > 1e-9)
        {
            throw new InvalidDataException($"{version}: {path}'s probabilities sum to {sum.ToString("R", CultureInfo.InvariantCulture)}, not 1.");
        }
        var mean = values.Zip(probabilities, (v, p) => (offsets ? v : v - count) * p).Sum();
        if (Math.Abs(mean) > 1e-9)
        {
            throw new InvalidDataException($"{version}: {path} changes a count of {count} by {mean.ToString("0.####", CultureInfo.InvariantCulture)} on average; the adjustment must be unbiased (mean 0).");
        }
        // Cumulative thresholds over the key range; the last is the whole range, so rounding never leaves a gap.
        var thresholds = new long[values.Count];
        var cumulative = 0.0;
        for (var k = 0; k < values.Count; k++)
        {
            cumulative += probabilities[k];
            thresholds[k] = k == values.Count - 1 ? RecordKey.Modulus : (long)Math.Round(cumulative * RecordKey.Modulus, MidpointRounding.AwayFromZero);
        }
        return (thresholds, [.. values]);
    }
}
