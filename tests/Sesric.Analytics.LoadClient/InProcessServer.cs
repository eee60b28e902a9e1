using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using Sesric.Analytics.Api;
using Sesric.Analytics.Api.Hosting;
using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.LoadClient;

/// <summary>The service, wired as Program.cs wires it, on real Kestrel at 127.0.0.1 on a free port, over a given DuckDB file or PostgreSQL address.</summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The gRPC address.</summary>
    public string Address { get; }

    /// <summary>The store the service answers from (for running the engine in-process beside the gRPC calls).</summary>
    public IAnalyticsStore Store => _app.Services.GetRequiredService<StoreHost>().Store;

    /// <summary>The service's own services (its statistics engine, for calling it in-process beside the gRPC calls).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>A reader-role key accepted by this server.</summary>
    public const string ReaderKey = "load-client-reader-key";

    /// <summary>An admin-role key accepted by this server (the replica figures write through it).</summary>
    public const string AdminKey = "load-client-admin-key";

    public static async Task<InProcessServer> StartAsync(string databasePath, bool seed, bool cache, bool telemetry = true, string? pfxPath = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = typeof(ServiceSetup).Assembly.GetName().Name });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sesric:Address"] = "http://127.0.0.1:0",
            ["Sesric:JsonAddress"] = "",
            ["Sesric:MetricsAddress"] = "http://127.0.0.1:0",
            ["Sesric:DatabasePath"] = databasePath,
            ["Sesric:SeedBuiltInData"] = seed ? "true" : "false",
            ["Sesric:RequestsPerSecondPerKey"] = "1000000",
            ["Sesric:BurstPerKey"] = "1000000",
            ["Sesric:QueryCacheEntries"] = cache ? "512" : "0",
            // Telemetry as deployed by default: metrics (Prometheus listener) and traces sampled at Sesric:TraceSampleRatio (0.1).
            ["Sesric:TelemetryEnabled"] = telemetry ? "true" : "false",
            ["Sesric:ApiKeys:0:Name"] = "load-client",
            ["Sesric:ApiKeys:0:Sha256"] = ApiKeyRegistry.Hash(ReaderKey),
            ["Sesric:ApiKeys:0:Role"] = "Reader",
            ["Sesric:ApiKeys:1:Name"] = "load-client-admin",
            ["Sesric:ApiKeys:1:Sha256"] = ApiKeyRegistry.Hash(AdminKey),
            ["Sesric:ApiKeys:1:Role"] = "Admin",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        if (pfxPath is not null)
        {
            // The service's own TLS (ListenPlan): HTTP/2 by ALPN on an https address.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sesric:Address"] = "https://127.0.0.1:0",
                ["Sesric:Tls:CertificatePath"] = pfxPath,
            });
        }
        builder.AddSesricAnalyticsServer([]);
        var app = builder.Build();
        app.MapSesricAnalytics();
        await app.StartAsync();
        await app.Services.GetRequiredService<StoreHost>().WhenReady;
        return new InProcessServer(app, app.Services.GetRequiredService<ServerEndpoints>().GrpcAddress!);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
