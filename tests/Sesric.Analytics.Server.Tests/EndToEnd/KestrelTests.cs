using System.Net;
using System.Text.Json;

using Google.Protobuf;

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
    public async Task Small_responses_travel_uncompressed_and_large_ones_gzip_compressed()
    {
        var small = await RawQueryAsync(new QueryRequest { Measures = { "participants" }, Dimensions = { "year" }, Filter = "programme = \"diplomacy-cab\" AND year = 2020" });
        var large = await RawQueryAsync(new QueryRequest { Measures = { "participants", "participations", "female_share" }, Dimensions = { "member_state", "year" } });

        Assert.Equal(("gzip", false), (small.Encoding, small.Compressed));
        Assert.Equal(81, small.Response.Rows[0].Cells[1].IntegerValue);
        Assert.Equal(("gzip", true), (large.Encoding, large.Compressed));
        Assert.True(large.Response.CalculateSize() >= Api.Compression.SmallResponseCompression.CompressFromBytes, $"the large response has only {large.Response.CalculateSize()} bytes");
        Assert.True(large.WireBytes < large.Response.CalculateSize() / 2, $"{large.WireBytes} bytes on the wire for {large.Response.CalculateSize()}");
    }

    /// <summary>One Query over raw HTTP/2 (the gRPC client hides whether a message came compressed): the response's encoding, its message's compressed flag, its length on the wire and the message.</summary>
    private async Task<(string? Encoding, bool Compressed, int WireBytes, QueryResponse Response)> RawQueryAsync(QueryRequest request)
    {
        using var http = new HttpClient(new SocketsHttpHandler());
        var body = request.ToByteArray();
        var framed = new byte[5 + body.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)body.Length);
        body.CopyTo(framed, 5);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(_host.GrpcAddress!), "/sesric.analytics.v1.StatsService/Query"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(framed),
        };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        message.Headers.TryAddWithoutValidation("te", "trailers");
        message.Headers.TryAddWithoutValidation("grpc-accept-encoding", "identity,gzip");
        message.Headers.TryAddWithoutValidation(Api.Security.ApiKeyAuthInterceptor.Header, TestKeys.Admin);
        using var response = await http.SendAsync(message);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length >= 5, $"no message came back (status {response.StatusCode}, grpc-status {string.Join(",", response.TrailingHeaders.TryGetValues("grpc-status", out var status) ? status : [])})");
        var compressed = bytes[0] == 1;
        var length = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1));
        var payload = bytes.AsSpan(5, length).ToArray();
        if (compressed)
        {
            using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(payload), System.IO.Compression.CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await gzip.CopyToAsync(plain);
            payload = plain.ToArray();
        }
        var encoding = response.Headers.TryGetValues("grpc-encoding", out var values) ? values.Single() : null;
        return (encoding, compressed, length, QueryResponse.Parser.ParseFrom(payload));
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
