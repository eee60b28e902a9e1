using System.Text.Json;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Semantic.Tests.Disclosure;

/// <summary>The perturbation table: its lookups at the thresholds, its distribution, and the invariants it refuses to break.</summary>
public class PerturbationTableTests
{
    private static readonly PerturbationTable Table = PerturbationTable.Current;

    [Theory]
    // A single person: 0 for the lower two thirds of the key range (2/3 x 2^24 = 11184810.67, rounded to 11184811), else 3.
    [InlineData(1, 0, 0)]
    [InlineData(1, 11_184_810, 0)]
    [InlineData(1, 11_184_811, 3)]
    [InlineData(1, RecordKey.Modulus - 1, 3)]
    // Two people: 0 for the lower third (5592405.33 -> 5592405), else 3.
    [InlineData(2, 5_592_404, 0)]
    [InlineData(2, 5_592_405, 3)]
    // The tail: -2 for the lowest 5 % (838860.8 -> 838861), -1 up to 25 %, 0 up to 75 %, +1 up to 95 %, +2 above.
    [InlineData(10, 838_860, 8)]
    [InlineData(10, 838_861, 9)]
    [InlineData(10, 4_194_303, 9)]
    [InlineData(10, 4_194_304, 10)]
    [InlineData(10, 12_582_912, 11)]
    [InlineData(10, 15_938_355, 12)]
    [InlineData(81, 8_000_000, 81)]
    // Keys are reduced modulo 2^24, negative ones too (a difference of keys).
    [InlineData(1, RecordKey.Modulus + 11_184_811, 3)]
    [InlineData(1, -1, 3)]
    public void A_count_and_a_cell_key_give_the_documented_value(long count, long key, long published)
    {
        Assert.Equal(published, Table.Perturb(count, key));
    }

    [Fact]
    public void An_empty_cell_stays_empty_whatever_its_key()
    {
        Assert.Equal(0, Table.Perturb(0, 0));
        Assert.Equal(0, Table.Perturb(0, 12_345_678));
    }

    [Fact]
    public void Over_the_whole_key_range_every_count_is_unbiased_never_1_or_2_and_close()
    {
        const int Step = 97; // about 173,000 keys spread evenly over the range
        for (var count = 1; count <= 12; count++)
        {
            double sum = 0;
            var n = 0;
            var seen = new Dictionary<long, int>();
            for (long key = 0; key < RecordKey.Modulus; key += Step)
            {
                var v = Table.Perturb(count, key);
                Assert.NotEqual(1, v);
                Assert.NotEqual(2, v);
                Assert.InRange(v - count, -Table.LargestChange, Table.LargestChange);
                sum += v;
                n++;
                seen[v] = seen.GetValueOrDefault(v) + 1;
            }
            Assert.Equal(count, sum / n, 0.01);
            foreach (var (value, times) in seen)
            {
                Assert.Equal(Table.Probability(count, value), (double)times / n, 0.002);
            }
        }
    }

    [Fact]
    public void The_current_table_is_version_1_and_changes_a_count_by_at_most_3()
    {
        Assert.Equal("ptable-v1", Table.Version);
        Assert.Equal(3, Table.LargestChange);
        Assert.Equal(5, Table.TailFrom);
    }

    [Theory]
    [InlineData("""{"version":"t","rows":[{"count":1,"outcomes":[{"value":0,"p":0.5},{"value":3,"p":0.4}]}],"tailFrom":2,"tailOffsets":[{"value":0,"p":1}]}""", "sum to 0.9")]
    [InlineData("""{"version":"t","rows":[{"count":1,"outcomes":[{"value":1,"p":1}]}],"tailFrom":2,"tailOffsets":[{"value":1,"p":1}]}""", "publishes 1")]
    [InlineData("""{"version":"t","rows":[{"count":1,"outcomes":[{"value":0,"p":0.5},{"value":3,"p":0.5}]}],"tailFrom":2,"tailOffsets":[{"value":1,"p":1}]}""", "unbiased")]
    [InlineData("""{"version":"t","rows":[{"count":2,"outcomes":[{"value":0,"p":0.5},{"value":4,"p":0.5}]}],"tailFrom":3,"tailOffsets":[{"value":0,"p":1}]}""", "counts 1, 2, 3")]
    [InlineData("""{"version":"t","rows":[{"count":1,"outcomes":[{"value":0,"p":0.6666666666666666},{"value":3,"p":0.3333333333333333}]}],"tailFrom":2,"tailOffsets":[{"value":0,"p":1}]}""", "publishes 2")]
    public void A_table_that_breaks_an_invariant_is_refused_with_the_reason(string json, string reason)
    {
        using var document = JsonDocument.Parse(json);

        var e = Assert.Throws<InvalidDataException>(() => PerturbationTable.Parse(document.RootElement));

        Assert.Contains(reason, e.Message);
    }
}
