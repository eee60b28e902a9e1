using System.IO.Compression;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Sesric.Analytics.Server.Configuration;
using Sesric.Analytics.Server.Hosting;
using Sesric.Analytics.Server.Observability;
using Sesric.Analytics.Server.Security;
using Sesric.Analytics.Server.Services;

namespace Sesric.Analytics.Server;

/// <summary>Registers and maps the service; <c>Program.cs</c> only calls these.</summary>
public static class ServerSetup
{
    private static readonly Dictionary<string, string> Switches = new()
    {
        ["--address"] = $"{ServerOptions.Section}:{nameof(ServerOptions.Address)}",
        ["--json-address"] = $"{ServerOptions.Section}:{nameof(ServerOptions.JsonAddress)}",
        ["--db"] = $"{ServerOptions.Section}:{nameof(ServerOptions.DatabasePath)}",
    };

    /// <summary>
    /// Adds configuration switches (<c>--address</c>, <c>--json-address</c>, <c>--db</c>), Kestrel's plain
    /// HTTP/2 endpoint, gRPC with its interceptors, limits and gzip, reflection, health, JSON transcoding,
    /// the API keys and the store host. Throws <see cref="ServerConfigurationException"/> for a configuration
    /// that must not start (bad address, no keys outside Development).
    /// </summary>
    public static WebApplicationBuilder AddSesricAnalyticsServer(this WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddCommandLine(args, Switches);
        var section = builder.Configuration.GetSection(ServerOptions.Section);
        builder.Services.Configure<ServerOptions>(section);
        var options = section.Get<ServerOptions>() ?? new ServerOptions();

        var (keys, generatedKey) = ApiKeySetup.Resolve(options, builder.Environment.IsDevelopment());
        builder.Services.AddSingleton(keys);
        builder.Services.AddSingleton(new GeneratedKey(generatedKey));

        var endpoints = new ServerEndpoints();
        builder.Services.AddSingleton(endpoints);
        var grpcAddress = ListenAddress.Parse(options.Address, $"{ServerOptions.Section}:{nameof(ServerOptions.Address)}");
        var jsonAddress = string.IsNullOrWhiteSpace(options.JsonAddress)
            ? null
            : ListenAddress.Parse(options.JsonAddress, $"{ServerOptions.Section}:{nameof(ServerOptions.JsonAddress)}");
        // Plain-text HTTP/2 must be set in code: an appsettings-only setting is lost when the process
        // starts from another working directory, and clients then fail with HTTP_1_1_REQUIRED.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxReceiveMessageBytes + 1024L;
            kestrel.Listen(grpcAddress.Ip, grpcAddress.Port, o =>
            {
                o.Protocols = HttpProtocols.Http2;
                endpoints.Grpc = o;
            });
            if (jsonAddress is not null)
            {
                kestrel.Listen(jsonAddress.Ip, jsonAddress.Port, o =>
                {
                    o.Protocols = HttpProtocols.Http1;
                    endpoints.Json = o;
                });
            }
        });

        builder.Services
            .AddGrpc(grpc =>
            {
                // Outermost first: request id, logging and error mapping wrap authentication and rate limiting.
                grpc.Interceptors.Add<CallLoggingInterceptor>();
                grpc.Interceptors.Add<ApiKeyAuthInterceptor>();
                grpc.Interceptors.Add<RateLimitInterceptor>();
                grpc.MaxReceiveMessageSize = options.MaxReceiveMessageBytes;
                grpc.MaxSendMessageSize = options.MaxSendMessageBytes;
                grpc.ResponseCompressionAlgorithm = "gzip";
                grpc.ResponseCompressionLevel = CompressionLevel.Fastest;
                grpc.EnableDetailedErrors = false;
            })
            .AddJsonTranscoding();
        builder.Services.AddSingleton<RateLimitInterceptor>();
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck<StoreHealthCheck>("store");

        builder.Services.AddSingleton<StoreHost>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StoreHost>());
        builder.Services.AddAnalyticsStore();
        return builder;
    }

    /// <summary>Maps the three services, health and reflection, and prints the banner once the server listens.</summary>
    public static WebApplication MapSesricAnalytics(this WebApplication app)
    {
        app.MapGrpcService<CatalogGrpcService>();
        app.MapGrpcService<StatsGrpcService>();
        app.MapGrpcService<IngestGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var endpoints = app.Services.GetRequiredService<ServerEndpoints>();
            if (endpoints.GrpcAddress is { } grpcAddress)
            {
                var key = app.Services.GetRequiredService<GeneratedKey>().Value;
                foreach (var line in ServerBanner.Lines(grpcAddress, endpoints.JsonAddress, key))
                {
                    Console.WriteLine(line);
                }
            }
        });
        return app;
    }

    /// <summary>The development key generated at start, if any (printed once, never logged).</summary>
    /// <param name="Value">The key, or null when keys come from configuration.</param>
    public sealed record GeneratedKey(string? Value);
}
