using System.Net;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>The JSON face under a rate limit and a careless client, with ASP.NET's own logging as verbose as a missing appsettings.json leaves it.</summary>
public sealed class JsonFaceFaultTests : IAsyncLifetime
{
    private readonly LogCapture _log = new();
    private ServiceHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await ServiceHost.StartKestrelAsync(
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Sesric:RequestsPerSecondPerKey"] = "1",
                ["Sesric:BurstPerKey"] = "2",
            },
            services => services.AddSingleton<ILoggerProvider>(_log));
        _http = new HttpClient { BaseAddress = new Uri(_host.JsonAddress!) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_rate_limited_json_call_is_429_with_retry_after()
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/programmes");
            request.Headers.Add("x-api-key", TestKeys.Reader);
            answers.Add(await _http.SendAsync(request));
        }

        var limited = answers.FirstOrDefault(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited);
        Assert.NotNull(limited!.Headers.RetryAfter?.Delta);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
    }

    [Fact]
    public async Task A_key_in_a_query_string_is_never_logged()
    {
        const string Secret = "key-put-in-a-url-by-mistake-0009";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/programmes?api_key={Secret}");
        request.Headers.Add("x-api-key", TestKeys.Analyst);

        using var response = await _http.SendAsync(request);
        await Task.Delay(200);

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(Secret, _log.Text, StringComparison.Ordinal);
    }
}
