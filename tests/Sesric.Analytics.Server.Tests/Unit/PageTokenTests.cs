using Grpc.Core;

using Sesric.Analytics.Api.Paging;

namespace Sesric.Analytics.Server.Tests.Unit;

public sealed class PageTokenTests
{
    [Fact]
    public void A_token_decodes_to_its_offset_under_the_same_query_only()
    {
        var fingerprint = PageToken.Fingerprint("editions", "programmes/-", "year > 2020", "");
        var token = PageToken.Encode(42, fingerprint);

        Assert.Equal(42, PageToken.Decode(token, fingerprint));
        Assert.Equal(0, PageToken.Decode("", fingerprint));
        Assert.Throws<RpcException>(() => PageToken.Decode(token, PageToken.Fingerprint("editions", "programmes/-", "year > 2021", "")));
        Assert.Throws<RpcException>(() => PageToken.Decode(token[..^2], fingerprint));
    }

    [Fact]
    public void Fingerprints_do_not_confuse_shifted_parts()
    {
        Assert.NotEqual(PageToken.Fingerprint("ab", "c"), PageToken.Fingerprint("a", "bc"));
    }

    [Fact]
    public void Pages_cover_a_list_exactly_once()
    {
        var items = Enumerable.Range(0, 23).ToArray();
        var seen = new List<int>();
        var token = "";
        do
        {
            var page = Page<int>.Cut(items, token, 5, 7);
            seen.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token != "");

        Assert.Equal(items, seen);
    }

    [Theory]
    [InlineData(0, 50)]
    [InlineData(10, 10)]
    [InlineData(5000, 1000)]
    public void Page_size_defaults_and_caps(int requested, int expected) =>
        Assert.Equal(expected, PageToken.Size(requested, 50, 1000));

    [Fact]
    public void A_negative_page_size_is_refused() =>
        Assert.Equal(StatusCode.InvalidArgument, Assert.Throws<RpcException>(() => PageToken.Size(-1, 50, 1000)).StatusCode);

    [Theory]
    [InlineData(2147483648L)]
    [InlineData(long.MaxValue)]
    public void A_forged_offset_beyond_32_bits_is_invalid_argument_not_an_overflow(long offset)
    {
        var fingerprint = PageToken.Fingerprint("stats");

        var e = Assert.Throws<RpcException>(() => PageToken.Decode(PageToken.Encode(offset, fingerprint), fingerprint));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("page_token", e.Status.Detail, StringComparison.Ordinal);
    }
}
