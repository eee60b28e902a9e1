namespace Sesric.Analytics.Semantic;

/// <summary>
/// The share of synthetic records a result states (<see cref="Querying.QueryMetadata.SyntheticShare"/>), as a policy
/// may publish it.
/// </summary>
/// <remarks>
/// The share is a ratio of two exact counts over the records behind the result. Published as is under a protecting policy,
/// it would undo the protection of the counts: on a cell that mixes synthetic and real records, 1/2 rules out a single
/// person and 1/3 says the count is a multiple of three, whatever the perturbed count shows, and the same cell asked
/// over two editions gives the exact ratio of their counts. So under a protecting policy "none" (0) and "all" (1) stay
/// exact (they tell no count), a mix over fewer than <see cref="MinimumRecordsForMixedShare"/> records is withheld
/// (null), and a larger mix is rounded to a tenth and kept between 10 % and 90 %, so that it never reads as none or all
/// and moves by at least two records per step.
/// </remarks>
public static class PublishedSyntheticShare
{
    /// <summary>The fewest records behind a result for a mixed share to be published under a protecting policy.</summary>
    public const long MinimumRecordsForMixedShare = 20;

    /// <summary>The share to publish: exact when <paramref name="protects"/> is false; null when no record was read.</summary>
    /// <param name="synthetic">Synthetic records behind the result (0 to <paramref name="read"/>).</param>
    /// <param name="read">All records behind the result.</param>
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
