using System.Net;

using Grpc.Core;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Api.Paging;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>Values the store's columns cannot hold are the caller's mistake on every face: INVALID_ARGUMENT (HTTP 400), never INTERNAL.</summary>
public sealed class OutOfRangeInputTests : IAsyncLifetime
{
    private static readonly Metadata Reader = TestKeys.Headers(TestKeys.Reader);
    private ServiceHost _host = null!;

    public async Task InitializeAsync() => _host = await ServiceHost.StartKestrelAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_year_beyond_32_bits_is_invalid_argument_over_grpc_naming_the_field_and_value()
    {
        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, () => _host.Stats.QueryAsync(
            new QueryRequest { Measures = { "participants" }, Filter = "year = 2147483648" }, Reader).ResponseAsync);

        Assert.Equal(ErrorReasons.InvalidQuery, status.Reason());
        Assert.Equal(["year"], status.Fields());
        Assert.Contains("2147483648", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_year_beyond_32_bits_is_http_400_on_the_json_port()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_host.JsonAddress!) };
        http.DefaultRequestHeaders.Add("x-api-key", TestKeys.Reader);

        using var response = await http.GetAsync("/v1/stats:query?measures=participants&filter=" + Uri.EscapeDataString("year = 2147483648"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2147483648", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chart_filtered_on_a_year_beyond_32_bits_is_invalid_argument()
    {
        var reports = new ReportService.ReportServiceClient(_host.Channel);
        const string Visual = """{"id":"trend","mark":"line","measure":"participants","category":"year","filters":[{"dimension":"year","op":"eq","values":[2147483648]}]}""";

        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, () => reports.RenderChartAsync(new RenderChartRequest { VisualJson = Visual, Format = ChartFormat.Svg }, Reader).ResponseAsync);

        Assert.Contains("2147483648", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_page_token_with_an_offset_beyond_32_bits_is_invalid_argument()
    {
        var request = new QueryRequest { Measures = { "participants" }, Dimensions = { "year" }, PageSize = 2 };
        var first = await _host.Stats.QueryAsync(request, Reader);
        var fingerprint = PageToken.Fingerprint("query", "participants", "year", "", "", "public");
        Assert.Equal(2, PageToken.Decode(first.NextPageToken, fingerprint)); // the forged token below is built as the server builds its own

        request.PageToken = PageToken.Encode(1L << 31, fingerprint);
        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, () => _host.Stats.QueryAsync(request, Reader).ResponseAsync);

        Assert.Equal(ErrorReasons.InvalidPageToken, status.Reason());
    }
}
