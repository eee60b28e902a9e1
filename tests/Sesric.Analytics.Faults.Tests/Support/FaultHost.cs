using Grpc.Net.Client;

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Sesric.Analytics.Api;
using Sesric.Analytics.Api.Hosting;
using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.Faults.Tests.Support;

/// <summary>
/// The real service, wired as Program.cs wires it, on real Kestrel (loopback, free ports) over a store at a path
/// the test chooses (on a tmpfs, say), with every log line it writes kept in <see cref="Log"/>.
/// </summary>
public sealed class FaultHost : IAsyncDisposable
{
    /// <summary>An admin key configured on every host.</summary>
    public const string AdminKey = "fault-admin-key-0001";

    private readonly WebApplication _app;

    private FaultHost(WebApplication app, CapturedLog log)
    {
        _app = app;
        Log = log;
        var endpoints = app.Services.GetRequiredService<ServerEndpoints>();
        GrpcAddress = endpoints.GrpcAddress!;
        JsonAddress = endpoints.JsonAddress!;
        Channel = GrpcChannel.ForAddress(GrpcAddress);
    }

    /// <summary>The gRPC address.</summary>
    public string GrpcAddress { get; }

    /// <summary>The HTTP/1.1 JSON address.</summary>
    public string JsonAddress { get; }

    /// <summary>A channel to the service.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>What the service logged.</summary>
    public CapturedLog Log { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Call metadata with the admin key.</summary>
    public static Grpc.Core.Metadata Admin => new() { { ApiKeyAuthInterceptor.Header, AdminKey } };

    /// <summary>The statistics client.</summary>
    public StatsService.StatsServiceClient Stats => new(Channel);

    /// <summary>The ingestion client.</summary>
    public IngestService.IngestServiceClient Ingest => new(Channel);

    /// <summary>Starts the service on the store at <paramref name="databasePath"/> (created and seeded when missing) and waits until it is ready.</summary>
    public static async Task<FaultHost> StartAsync(string databasePath, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ApplicationName = typeof(StoreHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var config = new Dictionary<string, string?>
        {
            ["Sesric:DatabasePath"] = databasePath,
            ["Sesric:Address"] = "http://127.0.0.1:0",
            ["Sesric:JsonAddress"] = "http://127.0.0.1:0",
            ["Sesric:MetricsAddress"] = "http://127.0.0.1:0",
            ["Sesric:StoreReopenDelayMilliseconds"] = "100",
            ["Sesric:ApiKeys:0:Name"] = "admin",
            ["Sesric:ApiKeys:0:Sha256"] = ApiKeyRegistry.Hash(AdminKey),
            ["Sesric:ApiKeys:0:Role"] = "Admin",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(config);
        var log = new CapturedLog();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);
        builder.AddSesricAnalyticsServer([]);
        var app = builder.Build();
        app.MapSesricAnalytics();
        await app.StartAsync();
        await app.Services.GetRequiredService<StoreHost>().WhenReady.WaitAsync(TimeSpan.FromSeconds(60));
        return new FaultHost(app, log);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
