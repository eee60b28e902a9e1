namespace Sesric.Analytics.Semantic.Tests.Disclosure;

public sealed class PublishedSyntheticShareTests
{
    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(0, 7, 0.0)]
    [InlineData(7, 7, 1.0)]
    [InlineData(1, 3, 1.0 / 3)]
    [InlineData(1, 2, 0.5)]
    public void Internal_figures_get_the_exact_share(long synthetic, long read, double? expected) =>
        Assert.Equal(expected, PublishedSyntheticShare.Of(synthetic, read, protects: false));

    [Theory]
    [InlineData(0, 1, 0.0)]
    [InlineData(2, 2, 1.0)]
    [InlineData(0, 5, 0.0)]
    public void None_and_all_stay_exact_under_protection_since_they_tell_no_count(long synthetic, long read, double expected) =>
        Assert.Equal(expected, PublishedSyntheticShare.Of(synthetic, read, protects: true));

    [Fact]
    public void A_mix_over_few_records_is_withheld_so_the_share_cannot_tell_two_people_from_three()
    {
        // 1 of 2 and 1 of 3 would read 50 % and 33 %: telling small counts apart that the cell keys protect.
        for (var read = 2L; read < PublishedSyntheticShare.MinimumRecordsForMixedShare; read++)
        {
            for (var synthetic = 1L; synthetic < read; synthetic++)
            {
                Assert.Null(PublishedSyntheticShare.Of(synthetic, read, protects: true));
            }
        }
    }

    [Theory]
    [InlineData(1, 20, 0.1)]
    [InlineData(19, 20, 0.9)]
    [InlineData(8, 20, 0.4)]
    [InlineData(1, 1000, 0.1)]
    [InlineData(999, 1000, 0.9)]
    [InlineData(333, 1000, 0.3)]
    public void A_larger_mix_is_rounded_to_a_tenth_and_never_reads_as_none_or_all(long synthetic, long read, double expected) =>
        Assert.Equal(expected, PublishedSyntheticShare.Of(synthetic, read, protects: true)!.Value, 12);

    [Fact]
    public void Differencing_two_editions_shares_gives_no_exact_ratio_of_their_counts()
    {
        // Two mixed results over 20 and 21 records with the same synthetic count publish the same share under protection,
        // where the exact shares (0.3 and 0.286) would differ and give away which has the extra person.
        Assert.Equal(PublishedSyntheticShare.Of(6, 20, protects: true), PublishedSyntheticShare.Of(6, 21, protects: true));
        Assert.NotEqual(PublishedSyntheticShare.Of(6, 20, protects: false), PublishedSyntheticShare.Of(6, 21, protects: false));
    }

    [Theory]
    [InlineData(30, 25, 1.0)]
    [InlineData(0, 0, null)]
    [InlineData(3, 3, 1.0)]
    [InlineData(3, 6, null)]
    [InlineData(12, 40, 0.3)]
    public void Protected_counts_whose_sums_cross_read_as_all_and_follow_the_same_rules(long synthetic, long read, double? expected) =>
        Assert.Equal(expected, PublishedSyntheticShare.OfProtectedCounts(synthetic, read));

    [Fact]
    public void A_synthetic_count_outside_zero_to_read_is_a_bug_not_a_share() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PublishedSyntheticShare.Of(3, 2, protects: true));
}
