using System.IO.Compression;

using Google.Protobuf.Reflection;
using Google.Rpc;

using Grpc.AspNetCore.Server;

using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

using Sesric.Analytics.Api.Auditing;
using Sesric.Analytics.Api.Compression;
using Sesric.Analytics.Api.Configuration;
using Sesric.Analytics.Api.Hosting;
using Sesric.Analytics.Api.Observability;
using Sesric.Analytics.Api.OData;
using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Api.Services;
using Sesric.Analytics.Reporting;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Api;

/// <summary>Registers and maps the service; <c>Program.cs</c> only calls these.</summary>
public static class ServiceSetup
{
    private static readonly Dictionary<string, string> Switches = new()
    {
        ["--address"] = $"{SesricOptions.Section}:{nameof(SesricOptions.Address)}",
        ["--json-address"] = $"{SesricOptions.Section}:{nameof(SesricOptions.JsonAddress)}",
        ["--metrics-address"] = $"{SesricOptions.Section}:{nameof(SesricOptions.MetricsAddress)}",
        ["--db"] = $"{SesricOptions.Section}:{nameof(SesricOptions.DatabasePath)}",
        ["--model"] = $"{SesricOptions.Section}:{nameof(SesricOptions.ModelPath)}",
    };

    /// <summary>
    /// Adds configuration switches (<c>--address</c>, <c>--json-address</c>, <c>--metrics-address</c>, <c>--db</c>, <c>--model</c>), Kestrel's endpoints
    /// (plain HTTP/2 on loopback, or TLS with ALPN; <see cref="ListenPlan"/>), gRPC with its interceptors, limits and gzip, reflection, health, JSON transcoding,
    /// the API keys, OpenTelemetry (<see cref="TelemetrySetup"/>) and the store host. Throws <see cref="ServiceConfigurationException"/> for a configuration
    /// that must not start (bad address, plain text on a network address, unreadable certificate, no keys outside Development).
    /// </summary>
    public static WebApplicationBuilder AddSesricAnalyticsServer(this WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddCommandLine(args, Switches);
        builder.Services.Configure<SesricOptions>(builder.Configuration.GetSection(SesricOptions.Section));

        // Options are read when the host is built, not now, so that hosts and tests that add
        // configuration later (WebApplicationFactory) are honoured.
        builder.Services.AddSingleton(sp => ApiKeySetup.Resolve(
            sp.GetRequiredService<IOptions<SesricOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>().IsDevelopment()));
        builder.Services.AddSingleton(sp =>
        {
            var setup = sp.GetRequiredService<ApiKeySetup.Result>();
            var source = new ApiKeySource(setup.Registry, setup.FileKeys, sp.GetRequiredService<IOptions<SesricOptions>>().Value, sp.GetRequiredService<ILogger<ApiKeySource>>());
            var audit = sp.GetRequiredService<AuditLog>();
            var time = sp.GetRequiredService<TimeProvider>();
            source.Changed += (before, after) =>
            {
                foreach (var record in KeyChangeAudit.Records(before, after, time.GetUtcNow()))
                {
                    audit.Write(record);
                }
            };
            return source;
        });
        builder.Services.AddSingleton(sp => new AuditLog(sp.GetRequiredService<IOptions<SesricOptions>>().Value.Audit));
        builder.Services.AddHostedService<KeyFileReloader>();

        builder.Services.AddSingleton(sp => ListenPlan.From(
            sp.GetRequiredService<IOptions<SesricOptions>>().Value, sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<ListenPlan>().ClientCertificates);
        builder.Services.TryAddSingleton(TimeProvider.System);

        var endpoints = new ServerEndpoints();
        builder.Services.AddSingleton(endpoints);
        // Plain-text HTTP/2 must be set in code: an appsettings-only setting is lost when the process
        // starts from another working directory, and clients then fail with HTTP_1_1_REQUIRED.
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            // The plan was checked in MapSesricAnalytics (a refused configuration never gets here).
            var plan = kestrel.ApplicationServices.GetRequiredService<ListenPlan>();
            var options = context.Configuration.GetSection(SesricOptions.Section).Get<SesricOptions>() ?? new SesricOptions();
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(plan.Grpc.Ip, plan.Grpc.Port, o =>
            {
                o.Protocols = ListenPlan.Protocols(plan.Grpc, HttpProtocols.Http2);
                if (plan.Grpc.Tls)
                {
                    o.UseHttps(plan.HttpsOptions());
                }
                endpoints.Grpc = o;
                endpoints.GrpcTls = plan.Grpc.Tls;
            });
            if (plan.Json is { } json)
            {
                kestrel.Listen(json.Ip, json.Port, o =>
                {
                    o.Protocols = ListenPlan.Protocols(json, HttpProtocols.Http1);
                    if (json.Tls)
                    {
                        o.UseHttps(plan.HttpsOptions());
                    }
                    endpoints.Json = o;
                    endpoints.JsonTls = json.Tls;
                });
            }
            if (options.TelemetryEnabled && !string.IsNullOrWhiteSpace(options.MetricsAddress))
            {
                var metricsAddress = ListenAddress.Parse(options.MetricsAddress, $"{SesricOptions.Section}:{nameof(SesricOptions.MetricsAddress)}");
                kestrel.Listen(metricsAddress.Ip, metricsAddress.Port, o =>
                {
                    o.Protocols = HttpProtocols.Http1;
                    endpoints.Metrics = o;
                });
            }
        });

        builder.Services
            .AddGrpc(grpc =>
            {
                // Outermost first: request id, logging and error mapping wrap authentication and rate limiting.
                grpc.Interceptors.Add<CallLoggingInterceptor>();
                // Outside authentication, so that refused attempts at audited methods are audited too.
                grpc.Interceptors.Add<AuditInterceptor>();
                grpc.Interceptors.Add<ApiKeyAuthInterceptor>();
                grpc.Interceptors.Add<RateLimitInterceptor>();
                // gzip for clients that accept it, but not for responses too small to gain from it.
                grpc.Interceptors.Add<SmallResponseCompression>();
                grpc.ResponseCompressionAlgorithm = "gzip";
                grpc.ResponseCompressionLevel = CompressionLevel.Fastest;
                grpc.EnableDetailedErrors = false;
            })
            .AddJsonTranscoding(json =>
                // Error details travel as google.protobuf.Any; JSON needs their types to print them.
                json.TypeRegistry = TypeRegistry.FromMessages(
                    ErrorInfo.Descriptor, BadRequest.Descriptor, RetryInfo.Descriptor, ResourceInfo.Descriptor));
        builder.Services.AddOptions<GrpcServiceOptions>().Configure<IOptions<SesricOptions>>((grpc, options) =>
        {
            grpc.MaxReceiveMessageSize = options.Value.MaxReceiveMessageBytes;
            grpc.MaxSendMessageSize = options.Value.MaxSendMessageBytes;
        });
        builder.Services.AddSingleton<RateLimitInterceptor>();
        // Stateless over singletons: registered, they are built once rather than activated on every call.
        builder.Services.AddSingleton<AuditInterceptor>();
        builder.Services.AddSingleton<ApiKeyAuthInterceptor>();
        builder.Services.AddSingleton<SmallResponseCompression>();
        builder.Services.AddSingleton(new LogBudget());
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck<StoreHealthCheck>("store");
        // "Store opening" is the normal state for the first moments, not an error; a store that fails
        // to open is logged as critical by StoreHost.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
        // ASP.NET's request lines print whole URLs, query string included, where a careless client may put its key;
        // they are off in code (not only in appsettings.json), and CallLoggingInterceptor logs each call without its URL.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        builder.AddSesricTelemetry();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StoreHost>());
        builder.Services.AddAnalyticsStore();
        builder.Services.AddSesricODataFeed();
        return builder;
    }

    /// <summary>Maps the three services, health and reflection, and prints the banner once the server listens.</summary>
    public static WebApplication MapSesricAnalytics(this WebApplication app)
    {
        // Fail now, before listening, when the keys are not configured, the model file is invalid, the chart-render cap is below 1, or the addresses,
        // certificates or the plain-text rule refuse the start (ServiceConfigurationException).
        var keys = app.Services.GetRequiredService<ApiKeySetup.Result>();
        app.UseSesricMetricsEndpoint();
        _ = app.Services.GetService<StoreStateMetric>();
        _ = app.Services.GetRequiredService<ListenPlan>();
        _ = app.Services.GetRequiredService<AuditLog>();
        _ = app.Services.GetRequiredService<SemanticModel>();
        _ = app.Services.GetRequiredService<ChartRenderSlots>();
        app.UseMiddleware<RequestBodyCheck>();
        app.UseMiddleware<RetryAfterHeader>();
        app.MapGrpcService<CatalogGrpcService>();
        app.MapGrpcService<StatsGrpcService>();
        app.MapGrpcService<IngestGrpcService>();
        app.MapGrpcService<ForecastGrpcService>();
        app.MapGrpcService<ReportGrpcService>();
        app.MapGrpcService<ModelGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapSesricODataFeed();
        // The banner says the service is usable, so it waits for the store: a store that cannot be opened
        // stops the process (non-zero exit) without a banner ever being printed.
        app.Lifetime.ApplicationStarted.Register(() => _ = PrintBannerWhenReadyAsync(app, keys.GeneratedKey));
        return app;
    }

    private static async Task PrintBannerWhenReadyAsync(WebApplication app, string? generatedKey)
    {
        try
        {
            await app.Services.GetRequiredService<StoreHost>().WhenReady;
        }
        catch (Exception)
        {
            return; // StoreHost logged why and stopped the application.
        }
        var endpoints = app.Services.GetRequiredService<ServerEndpoints>();
        if (endpoints.GrpcAddress is { } grpcAddress)
        {
            foreach (var line in ServerBanner.Lines(grpcAddress, endpoints.JsonAddress, generatedKey, endpoints.GrpcTls))
            {
                Console.WriteLine(line);
            }
        }
    }
}
