namespace Sesric.Analytics.Semantic;

/// <summary>
/// The share of synthetic records a result states (<see cref="Querying.QueryMetadata.SyntheticShare"/>), as a policy
/// may publish it.
/// </summary>
/// <remarks>
/// <para>Under a protecting policy the share is computed from protected counts only: each cell's synthetic rows and all its
/// rows are perturbed by the cell key method, each with the key of exactly those records (see
/// <see cref="CellProtection.ShareCounts"/>), and the share divides their sums over the result's cells. Computed from the
/// exact counts, as it once was, every rule applied to it was an exact test of the records behind the result, which the
/// attack suite (<c>SyntheticShareAttackTests</c>) used to recover counts of 1 and 2: a mixed share says the result holds
/// at least one synthetic and one real record (so at least two), withholding a mix below 20 records says the exact total is
/// below 20, and a rounded share of a known set of whole editions plus the target cell moves across a rounding boundary
/// as the cell's exact count does. Perturbed with the same keys as the counts, the share tells nothing the same set of
/// records would not always tell, and the same cells always give the same share.</para>
/// <para>On those protected sums the earlier rules still apply: "none" (0) and "all" (1) are shown as such (a result of only
/// synthetic or only real records has equal, or zero, protected counts in every cell, so it still reads 1 or 0); a mix
/// over fewer than <see cref="MinimumRecordsForMixedShare"/> protected records is withheld (null), and a larger mix is
/// rounded to a tenth and kept between 10 % and 90 %, so that a caption never gives more than a rough proportion.</para>
/// </remarks>
public static class PublishedSyntheticShare
{
    /// <summary>The fewest records behind a result for a mixed share to be published under a protecting policy.</summary>
    public const long MinimumRecordsForMixedShare = 20;

    /// <summary>
    /// The share to publish from the protected sums of a result's cells (<see cref="CellProtection.ShareCounts"/>): each
    /// cell's synthetic count is perturbed apart from its total, so their sums can cross; the share then reads as all.
    /// </summary>
    /// <param name="synthetic">The sum of the cells' protected synthetic counts.</param>
    /// <param name="read">The sum of the cells' protected participation counts.</param>
    public static double? OfProtectedCounts(long synthetic, long read) => Of(Math.Min(synthetic, read), read, protects: true);

    /// <summary>The share to publish: exact when <paramref name="protects"/> is false; null when no record was read (or none is published).</summary>
    /// <param name="synthetic">Synthetic records behind the result (0 to <paramref name="read"/>; under protection, the protected sum).</param>
    /// <param name="read">All records behind the result (under protection, the protected sum).</param>
    /// <param name="protects">Whether the policy protects counts (public); false for internal figures.</param>
    public static double? Of(long synthetic, long read, bool protects)
    {
        if (read <= 0)
        {
            return null;
        }
        ArgumentOutOfRangeException.ThrowIfNegative(synthetic);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(synthetic, read);
        if (synthetic == 0)
        {
            return 0;
        }
        if (synthetic == read)
        {
            return 1;
        }
        var exact = (double)synthetic / read;
        if (!protects)
        {
            return exact;
        }
        if (read < MinimumRecordsForMixedShare)
        {
            return null;
        }
        return Math.Clamp(Math.Round(exact * 10, MidpointRounding.AwayFromZero) / 10, 0.1, 0.9);
    }
}
