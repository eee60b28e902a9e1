using System.Net;
using System.Text.Json;

using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>The same service on real Kestrel, loopback, port 0: plain HTTP/2 gRPC and the HTTP/1.1 JSON face.</summary>
public sealed class KestrelTests : IAsyncLifetime
{
    private ServiceHost _host = null!;

    public async Task InitializeAsync() => _host = await ServiceHost.StartKestrelAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Every_service_answers_over_plain_http2_with_gzip_responses()
    {
        var headers = TestKeys.Headers(TestKeys.Admin);
        // The gRPC client hides grpc-* headers, so read the encoding off the HTTP response itself.
        var capture = new EncodingCapture(new SocketsHttpHandler());
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(_host.GrpcAddress!, new Grpc.Net.Client.GrpcChannelOptions { HttpHandler = capture });
        using var query = new StatsService.StatsServiceClient(channel).QueryAsync(new QueryRequest { Measures = { "participants", "member_states" }, Dimensions = { "year" }, Filter = "programme = \"diplomacy-cab\" AND year = 2020" }, headers);
        var response = await query.ResponseAsync;

        Assert.Equal(81, response.Rows[0].Cells[1].IntegerValue);
        Assert.Equal("gzip", capture.Encoding);
        Assert.NotEmpty(query.GetTrailers().GetValue("x-request-id") ?? "");
        Assert.Equal(4, (await _host.Catalog.ListProgrammesAsync(new ListProgrammesRequest(), headers)).TotalSize);
        var upsert = await _host.Ingest.UpsertEditionAsync(new UpsertEditionRequest { Edition = new Edition { Name = "programmes/oic-statcom/editions/15", Year = 2026 } }, headers);
        Assert.True(upsert.Created);
        var health = await new Grpc.Health.V1.Health.HealthClient(_host.Channel).CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task The_read_methods_answer_json_gets_over_http11()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_host.JsonAddress!) };
        http.DefaultRequestHeaders.Add("x-api-key", TestKeys.Reader);

        var edition = JsonDocument.Parse(await http.GetStringAsync("/v1/programmes/diplomacy-cab/editions/4")).RootElement.GetProperty("edition");
        var query = JsonDocument.Parse(await http.GetStringAsync(
            "/v1/stats:query?measures=participants&measures=member_states&dimensions=year&filter=" + Uri.EscapeDataString("programme = \"diplomacy-cab\" AND year = 2020")));
        var unauthenticated = await new HttpClient().GetAsync(new Uri(new Uri(_host.JsonAddress!), "/v1/programmes"));

        Assert.Equal(81, edition.GetProperty("published").GetProperty("participants").GetInt32());
        var cells = query.RootElement.GetProperty("rows")[0].GetProperty("cells");
        Assert.Equal("81", cells[1].GetProperty("integerValue").GetRawText().Trim('"'));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    private sealed class EncodingCapture(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public string? Encoding { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            Encoding = response.Headers.TryGetValues("grpc-encoding", out var values) ? values.Single() : null;
            return response;
        }
    }
}
