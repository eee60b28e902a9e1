namespace Sesric.Analytics.Api.Paging;

/// <summary>One page cut from an ordered list, with the token for the next.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items on this page.</param>
/// <param name="NextPageToken">The token for the next page; empty on the last page.</param>
/// <param name="TotalSize">How many items match, over all pages.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string NextPageToken, int TotalSize)
{
    /// <summary>Cuts the page that <paramref name="pageToken"/> points at from <paramref name="all"/>.</summary>
    public static Page<T> Cut(IReadOnlyList<T> all, string? pageToken, int pageSize, ulong fingerprint)
    {
        var offset = (int)Math.Min(PageToken.Decode(pageToken, fingerprint), all.Count);
        var items = all.Skip(offset).Take(pageSize).ToArray();
        var next = offset + items.Length;
        return new Page<T>(items, next < all.Count ? PageToken.Encode(next, fingerprint) : "", all.Count);
    }
}
