using System.Net;
using System.Security.Cryptography.X509Certificates;

using Grpc.Core;
using Grpc.Net.Client;

using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>The service speaking TLS itself on real Kestrel: certificates from PEM and PKCS#12 files, HTTP/2 by ALPN, mutual TLS.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly TempFolder _folder = new("tls");
    private readonly X509Certificate2 _server = TestCertificates.Server();

    public void Dispose()
    {
        _server.Dispose();
        _folder.Dispose();
    }

    private Dictionary<string, string?> PemSettings()
    {
        var (certificate, key) = TestCertificates.WritePem(_server, _folder.Path, "server");
        return new()
        {
            ["Sesric:Address"] = "https://127.0.0.1:0",
            ["Sesric:JsonAddress"] = "https://127.0.0.1:0",
            ["Sesric:Tls:CertificatePath"] = certificate,
            ["Sesric:Tls:KeyPath"] = key,
        };
    }

    private static GrpcChannel Channel(ServiceHost host, HttpMessageHandler handler) =>
        GrpcChannel.ForAddress(host.GrpcAddress!, new GrpcChannelOptions { HttpHandler = handler });

    [Fact]
    public async Task A_pem_certificate_serves_grpc_over_tls_with_http2_by_alpn_and_json_over_http11_on_the_same_kind_of_port()
    {
        await using var host = await ServiceHost.StartKestrelAsync(PemSettings());
        using var channel = Channel(host, TestCertificates.Handler(_server));

        var response = await new StatsService.StatsServiceClient(channel).QueryAsync(
            new QueryRequest { Measures = { "participants" }, Filter = "programme = \"diplomacy-cab\" AND year = 2020" }, TestKeys.Headers(TestKeys.Reader));
        using var http = new HttpClient(TestCertificates.Handler(_server)) { BaseAddress = new Uri(host.JsonAddress!) };
        http.DefaultRequestHeaders.Add("x-api-key", TestKeys.Reader);
        using var json = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/programmes") { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact });
        using var h2 = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/programmes") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact });

        Assert.StartsWith("https://127.0.0.1:", host.GrpcAddress, StringComparison.Ordinal);
        Assert.Equal(81, response.Rows[0].Cells[0].IntegerValue);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(HttpVersion.Version11, json.Version);
        Assert.Equal(HttpVersion.Version20, h2.Version);
    }

    [Fact]
    public async Task A_plaintext_client_cannot_talk_to_a_tls_port()
    {
        await using var host = await ServiceHost.StartKestrelAsync(PemSettings());
        using var channel = GrpcChannel.ForAddress(host.GrpcAddress!.Replace("https://", "http://", StringComparison.Ordinal));

        var e = await Assert.ThrowsAsync<RpcException>(() => new CatalogService.CatalogServiceClient(channel).ListProgrammesAsync(new ListProgrammesRequest(), TestKeys.Headers(TestKeys.Reader)).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
    }

    [Fact]
    public async Task A_pkcs12_file_with_a_password_works_too()
    {
        var pfx = _folder.File("server.pfx");
        await File.WriteAllBytesAsync(pfx, _server.Export(X509ContentType.Pkcs12, "s3cret"));
        await using var host = await ServiceHost.StartKestrelAsync(new Dictionary<string, string?>
        {
            ["Sesric:Address"] = "https://127.0.0.1:0",
            ["Sesric:JsonAddress"] = "",
            ["Sesric:Tls:CertificatePath"] = pfx,
            ["Sesric:Tls:CertificatePassword"] = "s3cret",
        });
        using var channel = Channel(host, TestCertificates.Handler(_server));

        var programmes = await new CatalogService.CatalogServiceClient(channel).ListProgrammesAsync(new ListProgrammesRequest(), TestKeys.Headers(TestKeys.Reader));

        Assert.Equal(4, programmes.TotalSize);
    }

    [Fact]
    public async Task Mutual_tls_refuses_a_connection_without_a_certificate_and_maps_a_pinned_one_to_its_role()
    {
        using var pinned = TestCertificates.Client("CN=etl-reader");
        using var stranger = TestCertificates.Client("CN=etl-reader");
        var settings = PemSettings();
        settings["Sesric:JsonAddress"] = "";
        settings["Sesric:Tls:ClientCertificateMode"] = "RequireCertificate";
        settings["Sesric:Tls:ClientCertificates:0:Name"] = "etl";
        settings["Sesric:Tls:ClientCertificates:0:Thumbprint"] = string.Join(":", pinned.Thumbprint.Chunk(2).Select(c => new string(c)));
        settings["Sesric:Tls:ClientCertificates:0:Role"] = "Reader";
        await using var host = await ServiceHost.StartKestrelAsync(settings);
        using var without = Channel(host, TestCertificates.Handler(_server));
        using var withStranger = Channel(host, TestCertificates.Handler(_server, stranger));
        using var withPinned = Channel(host, TestCertificates.Handler(_server, pinned));

        var refused = await Assert.ThrowsAsync<RpcException>(() => new CatalogService.CatalogServiceClient(without).ListProgrammesAsync(new ListProgrammesRequest(), TestKeys.Headers(TestKeys.Admin)).ResponseAsync);
        var strangerRefused = await Assert.ThrowsAsync<RpcException>(() => new CatalogService.CatalogServiceClient(withStranger).ListProgrammesAsync(new ListProgrammesRequest()).ResponseAsync);
        var programmes = await new CatalogService.CatalogServiceClient(withPinned).ListProgrammesAsync(new ListProgrammesRequest());
        var tooLow = await Assert.ThrowsAsync<RpcException>(() => new ForecastService.ForecastServiceClient(withPinned).RetrainAsync(new RetrainRequest()).ResponseAsync);

        RefusedInTheHandshake(refused);
        RefusedInTheHandshake(strangerRefused);
        Assert.Equal(4, programmes.TotalSize);
        Assert.Equal(StatusCode.PermissionDenied, tooLow.StatusCode);
        Assert.Contains("'etl'", tooLow.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subject_is_accepted_only_from_a_certificate_the_client_ca_issued()
    {
        using var authority = TestCertificates.Authority();
        using var issued = TestCertificates.IssuedClient(authority, "CN=evaluator, O=Partner");
        using var forged = TestCertificates.Client("CN=evaluator, O=Partner");
        var caPath = _folder.File("client-ca.crt");
        await File.WriteAllTextAsync(caPath, authority.ExportCertificatePem());
        var settings = PemSettings();
        settings["Sesric:JsonAddress"] = "";
        settings["Sesric:Tls:ClientCertificateMode"] = "AllowCertificate";
        settings["Sesric:Tls:ClientCaPath"] = caPath;
        settings["Sesric:Tls:ClientCertificates:0:Name"] = "evaluator";
        settings["Sesric:Tls:ClientCertificates:0:Subject"] = "CN=evaluator, O=Partner";
        settings["Sesric:Tls:ClientCertificates:0:Role"] = "Analyst";
        await using var host = await ServiceHost.StartKestrelAsync(settings);
        using var withIssued = Channel(host, TestCertificates.Handler(_server, issued));
        using var withForged = Channel(host, TestCertificates.Handler(_server, forged));
        using var keyOnly = Channel(host, TestCertificates.Handler(_server));

        var internalQuery = await new StatsService.StatsServiceClient(withIssued).QueryAsync(
            new QueryRequest { Measures = { "participants" }, Policy = DisclosurePolicy.Internal, Filter = "programme = \"diplomacy-cab\" AND year = 2020" });
        var forgedRefused = await Assert.ThrowsAsync<RpcException>(() => new CatalogService.CatalogServiceClient(withForged).ListProgrammesAsync(new ListProgrammesRequest()).ResponseAsync);
        var noCertificateNoKey = await Assert.ThrowsAsync<RpcException>(() => new CatalogService.CatalogServiceClient(keyOnly).ListProgrammesAsync(new ListProgrammesRequest()).ResponseAsync);
        var keyWithoutCertificate = await new CatalogService.CatalogServiceClient(keyOnly).ListProgrammesAsync(new ListProgrammesRequest(), TestKeys.Headers(TestKeys.Reader));

        Assert.Equal(81, internalQuery.Rows[0].Cells[0].IntegerValue);
        RefusedInTheHandshake(forgedRefused);
        Assert.Equal(StatusCode.Unauthenticated, noCertificateNoKey.StatusCode);
        Assert.Equal(4, keyWithoutCertificate.TotalSize);
    }

    /// <summary>
    /// A connection the server's TLS layer refused: the call never reached a service. Under TLS 1.3 the server judges the
    /// client's certificate after the client has finished its side of the handshake and sent its request, so the refusal
    /// reaches the client either while connecting (UNAVAILABLE) or as a reset of the stream it already opened (INTERNAL),
    /// depending on timing; both carry no answer.
    /// </summary>
    private static void RefusedInTheHandshake(RpcException refused) =>
        Assert.True(refused.StatusCode is StatusCode.Unavailable or StatusCode.Internal, $"expected a transport refusal, got {refused.StatusCode}: {refused.Status.Detail}");
}
