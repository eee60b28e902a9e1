using CsCheck;

using Sesric.Analytics.Semantic.Tests.Support;

namespace Sesric.Analytics.Semantic.Tests.Disclosure;

public class DisclosureControlTests
{
    [Fact]
    public void A_single_small_cell_in_a_row_is_hidden_with_the_next_smallest()
    {
        // year × group: 2020 has A=2 (small), B=10, C=5; 2021 has A=8, B=9, C=7.
        object?[][] keys = [[2020L, "A"], [2020L, "B"], [2020L, "C"], [2021L, "A"], [2021L, "B"], [2021L, "C"]];
        long[] counts = [2, 10, 5, 8, 9, 7];

        var hidden = DisclosureControl.Suppress(keys, counts, 3);

        // Primary: (2020, A). Row 2020 then has one hidden cell: C (5) goes too. Column A has one
        // hidden cell: (2021, A) goes. Column C then has one: (2021, C) goes. Row 2021 has A and C.
        Assert.Equal([true, false, true, true, false, true], hidden);
    }

    [Fact]
    public void Cells_with_no_people_are_neither_hidden_nor_counted_in_groups()
    {
        object?[][] keys = [[2018L], [2019L], [2020L]];

        Assert.Equal([false, true, true], DisclosureControl.Suppress(keys, [0L, 1L, 81L], 3));
        Assert.Equal([false, false, false], DisclosureControl.Suppress(keys, [0L, 4L, 81L], 3));
    }

    [Fact]
    public void Without_dimensions_only_the_threshold_applies()
    {
        Assert.Equal([true], DisclosureControl.Suppress([[]], [2L], 3));
        Assert.Equal([false], DisclosureControl.Suppress([[]], [3L], 3));
    }

    [Fact]
    public void No_shown_cell_is_below_k_and_no_group_has_exactly_one_hidden_cell()
    {
        var grid = Gen.Select(Gen.Int[1, 3], Gen.Int[1, 5], Gen.Int[1, 6]).SelectMany((dims, width, k) =>
            Gen.Int[0, 12].Array[(int)Math.Pow(width, dims)].Select(counts => (dims, width, k, counts)));
        grid.Sample(t =>
        {
            var (dims, width, k, counts) = t;
            var keys = Enumerable.Range(0, counts.Length)
                .Select(i => (IReadOnlyList<object?>)Enumerable.Range(0, dims).Select(d => (object?)(long)(i / (int)Math.Pow(width, d) % width)).ToArray())
                .ToArray();
            var hidden = DisclosureControl.Suppress(keys, counts.Select(c => (long)c).ToArray(), k);

            for (var i = 0; i < counts.Length; i++)
            {
                Assert.False(!hidden[i] && counts[i] > 0 && counts[i] < k, $"cell {i} shows {counts[i]} < k = {k}");
                Assert.False(hidden[i] && counts[i] == 0, "a cell with no people was hidden");
            }
            for (var d = 0; d < dims; d++)
            {
                var groups = Enumerable.Range(0, counts.Length).Where(i => counts[i] > 0)
                    .GroupBy(i => string.Join(",", keys[i].Where((_, j) => j != d)));
                foreach (var g in groups.Where(g => g.Count() >= 2))
                {
                    Assert.NotEqual(1, g.Count(i => hidden[i]));
                }
            }
        }, iter: 3_000);
    }

    [Fact]
    public void Suppression_matches_the_reference_implementation_cell_for_cell()
    {
        // Keys drawn from few values (so groups form and cells repeat), mixing nulls, longs, strings and a long
        // and an int of the same number (unequal as objects); cells in any order, some with no people.
        var value = Gen.OneOf(Gen.Const((object?)null), Gen.Long[0, 3].Select(v => (object?)v), Gen.Int[0, 1].Select(v => (object?)v),
            Gen.Int[0, 2].Select(i => (object?)new[] { "A", "B", "\u0000" }[i]));
        var cells = Gen.Int[0, 4].SelectMany(width =>
            Gen.Select(value.Array[width], Gen.OneOf(Gen.Long[0, 2], Gen.Long[0, 9])).Array[0, 60].Select(c => (width, c)));
        Gen.Select(cells, Gen.Int[1, 5]).Sample((t, k) =>
        {
            var keys = t.c.Select(c => (IReadOnlyList<object?>)c.Item1).ToArray();
            var people = t.c.Select(c => c.Item2).ToArray();

            Assert.Equal(ReferenceDisclosure.Suppress(keys, people, k), DisclosureControl.Suppress(keys, people, k));
        }, iter: 5_000);
    }
}
