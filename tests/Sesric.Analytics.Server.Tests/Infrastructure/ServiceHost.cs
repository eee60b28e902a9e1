using Grpc.Net.Client;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using Sesric.Analytics.Api;
using Sesric.Analytics.Api.Hosting;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Server.Tests.Infrastructure;

/// <summary>
/// The real service, wired exactly as Program.cs wires it, on its own temp DuckDB file: either on an
/// in-memory TestServer or on real Kestrel bound to a free loopback port.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempFolder _folder;

    // Seeding the built-in dataset once and copying the file makes each host's start cheap; every
    // host still gets its own DuckDB file.
    private static readonly Lazy<Task<string>> SeededTemplate = new(CreateTemplateAsync);

    private ServiceHost(WebApplication app, TempFolder folder, GrpcChannel channel, string? grpcAddress, string? jsonAddress, string? metricsAddress = null)
    {
        MetricsAddress = metricsAddress;
        _app = app;
        _folder = folder;
        Channel = channel;
        GrpcAddress = grpcAddress;
        JsonAddress = jsonAddress;
    }

    /// <summary>The gRPC address (Kestrel hosts only).</summary>
    public string? GrpcAddress { get; }

    /// <summary>A channel to the service.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>The HTTP/1.1 JSON address (Kestrel hosts only).</summary>
    public string? JsonAddress { get; }

    /// <summary>The Prometheus scraping address (Kestrel hosts only).</summary>
    public string? MetricsAddress { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The catalogue client.</summary>
    public CatalogService.CatalogServiceClient Catalog => new(Channel);

    /// <summary>The statistics client.</summary>
    public StatsService.StatsServiceClient Stats => new(Channel);

    /// <summary>The ingestion client.</summary>
    public IngestService.IngestServiceClient Ingest => new(Channel);

    /// <summary>Starts the service on an in-memory test server.</summary>
    public static Task<ServiceHost> StartInMemoryAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        StartAsync(kestrel: false, settings, services);

    /// <summary>Starts the service on real Kestrel, loopback, port 0 (gRPC and JSON).</summary>
    public static Task<ServiceHost> StartKestrelAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        StartAsync(kestrel: true, settings, services);

    private static async Task<ServiceHost> StartAsync(bool kestrel, IDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
        var folder = new TempFolder("server");
        File.Copy(await SeededTemplate.Value, folder.File("analytics.duckdb"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ApplicationName = typeof(Program).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var config = new Dictionary<string, string?>
        {
            ["Sesric:DatabasePath"] = folder.File("analytics.duckdb"),
            ["Sesric:Address"] = "http://127.0.0.1:0",
            ["Sesric:JsonAddress"] = kestrel ? "http://127.0.0.1:0" : "",
            ["Sesric:MetricsAddress"] = kestrel ? "http://127.0.0.1:0" : "",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in TestKeys.Configuration())
        {
            config[key] = value;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(config);
        builder.AddSesricAnalyticsServer([]);
        if (!kestrel)
        {
            builder.WebHost.UseTestServer();
        }
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapSesricAnalytics();
        await app.StartAsync();
        await app.Services.GetRequiredService<StoreHost>().WhenReady.WaitAsync(TimeSpan.FromSeconds(60));

        GrpcChannel channel;
        string? grpcAddress = null, jsonAddress = null, metricsAddress = null;
        if (kestrel)
        {
            var endpoints = app.Services.GetRequiredService<ServerEndpoints>();
            grpcAddress = endpoints.GrpcAddress;
            channel = GrpcChannel.ForAddress(grpcAddress!);
            jsonAddress = endpoints.JsonAddress;
            metricsAddress = endpoints.MetricsAddress;
        }
        else
        {
            var server = app.GetTestServer();
            channel = GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler() });
        }
        return new ServiceHost(app, folder, channel, grpcAddress, jsonAddress, metricsAddress);
    }

    private static async Task<string> CreateTemplateAsync()
    {
        // Kept for the whole test run (every host copies it), so never disposed.
        var path = new TempFolder("server").File("template.duckdb");
        var opener = new DuckDbStoreOpener(Microsoft.Extensions.Logging.Abstractions.NullLogger<DuckDbStoreOpener>.Instance);
        await using (var store = await opener.OpenAsync(path, CancellationToken.None))
        {
            await opener.SeedAsync(store, CancellationToken.None);
        }
        return path;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Dispose();
    }
}
