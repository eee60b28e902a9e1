using System.Net;
using System.Net.Http.Headers;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>Bodies that are not the method's protobuf message, sent as curl would (HTTP/2 prior knowledge, no gRPC client).</summary>
public sealed class InvalidBodyTests : IAsyncLifetime
{
    private readonly LogCapture _log = new();
    private ServiceHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await ServiceHost.StartKestrelAsync(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning" },
            services => services.AddSingleton<ILoggerProvider>(_log));
        _http = new HttpClient { BaseAddress = new Uri(_host.GrpcAddress!), DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Theory]
    [InlineData("hello", null)]
    [InlineData("\0\0\0\0\u0003\u00ff\u00ff\u00ff", TestKeys.Reader)]
    public async Task A_body_that_is_not_the_request_message_is_invalid_argument_naming_the_type(string body, string? key)
    {
        var (status, message) = await PostAsync("/sesric.analytics.v1.StatsService/Query", body, key);

        Assert.True(status == "3", message);
        Assert.Contains("QueryRequest", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_import_message_that_is_not_protobuf_is_invalid_argument_and_logged_without_a_stack_trace()
    {
        var (status, message) = await PostAsync("/sesric.analytics.v1.IngestService/ImportParticipations", "\0\0\0\0\u0003\u00ff\u00ff\u00ff", TestKeys.Admin);

        Assert.True(status == "3", message);
        Assert.DoesNotContain("   at ", _log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_bad_calls_without_a_key_write_a_bounded_log_without_stack_traces()
    {
        var before = _log.Characters;
        for (var i = 0; i < 400; i++)
        {
            var (status, _) = await PostAsync("/sesric.analytics.v1.StatsService/Query", "hello", key: null);
            Assert.Equal("3", status);
        }
        for (var i = 0; i < 100; i++)
        {
            var (status, _) = await PostAsync("/sesric.analytics.v1.CatalogService/ListProgrammes", "\0\0\0\0\0", key: null); // a valid empty message, no key
            Assert.Equal("16", status);
        }

        var written = _log.Characters - before;
        Assert.True(written < 20_000, $"500 bad calls wrote {written:N0} characters of log:\n{_log.Text[..Math.Min(3000, _log.Text.Length)]}");
        Assert.DoesNotContain("   at ", _log.Text, StringComparison.Ordinal);
    }

    private async Task<(string? Status, string Message)> PostAsync(string path, string body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body.Select(c => (byte)c).ToArray()), Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }
        using var response = await _http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        string? Find(string name) =>
            response.Headers.TryGetValues(name, out var h) ? h.First()
            : response.TrailingHeaders.TryGetValues(name, out var t) ? t.First() : null;
        return (Find("grpc-status"), Uri.UnescapeDataString(Find("grpc-message") ?? response.ToString()));
    }
}
