using Grpc.Net.Client;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using Sesric.Analytics.Api;
using Sesric.Analytics.Api.Hosting;
using Sesric.Analytics.Api.Security;

namespace Sesric.Analytics.Storage.Postgres.Tests.Replicas;

/// <summary>One replica of the real service (wired as Program.cs wires it) on an in-memory test server, over a PostgreSQL address.</summary>
internal sealed class ReplicaHost : IAsyncDisposable
{
    public const string AnalystKey = "replica-analyst-key-0001";

    private readonly WebApplication _app;

    private ReplicaHost(WebApplication app, GrpcChannel channel)
    {
        _app = app;
        Channel = channel;
    }

    public GrpcChannel Channel { get; }

    public StoreHost Store => _app.Services.GetRequiredService<StoreHost>();

    public Grpc.Core.Metadata Headers => new() { { ApiKeyAuthInterceptor.Header, AnalystKey } };

    public static async Task<ReplicaHost> StartAsync(string address)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ApplicationName = typeof(Program).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sesric:DatabasePath"] = address,
            ["Sesric:Address"] = "http://127.0.0.1:0",
            ["Sesric:JsonAddress"] = "",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Sesric:ApiKeys:0:Name"] = "analyst",
            ["Sesric:ApiKeys:0:Sha256"] = ApiKeyRegistry.Hash(AnalystKey),
            ["Sesric:ApiKeys:0:Role"] = nameof(Role.Analyst),
        });
        builder.AddSesricAnalyticsServer([]);
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        app.MapSesricAnalytics();
        await app.StartAsync();
        await app.Services.GetRequiredService<StoreHost>().WhenReady.WaitAsync(TimeSpan.FromSeconds(120));
        var server = app.GetTestServer();
        var channel = GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler() });
        return new ReplicaHost(app, channel);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
