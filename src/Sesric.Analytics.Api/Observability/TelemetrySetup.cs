using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

using Sesric.Analytics.Api.Configuration;
using Sesric.Analytics.Api.Hosting;
using Sesric.Analytics.Telemetry;

namespace Sesric.Analytics.Api.Observability;

/// <summary>
/// OpenTelemetry for the service: the libraries' spans and metrics (<see cref="SesricTelemetry"/>), ASP.NET Core's,
/// the RPC metric (<see cref="RpcTelemetry"/>) and the store state (<see cref="StoreStateMetric"/>); Prometheus'
/// <c>/metrics</c> on its own listener (<see cref="SesricOptions.MetricsAddress"/>), and OTLP when an endpoint is set.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The service name in every exported resource.</summary>
    public const string ServiceName = "sesric-analytics";

    /// <summary>The scraping path on the metrics listener.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Registers OpenTelemetry unless <see cref="SesricOptions.TelemetryEnabled"/> is false.</summary>
    /// <remarks>Reads its settings from <paramref name="builder"/>'s configuration now: providers are built with the host.</remarks>
    public static void AddSesricTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SesricOptions.Section).Get<SesricOptions>() ?? new SesricOptions();
        // Trace and span ids go into every log scope, so any scope-aware log sink (the JSON console, OTLP) correlates logs with traces.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (!options.TelemetryEnabled)
        {
            return;
        }
        if (options.TraceSampleRatio is < 0 or > 1 || double.IsNaN(options.TraceSampleRatio))
        {
            throw new ServiceConfigurationException(
                $"{SesricOptions.Section}:{nameof(SesricOptions.TraceSampleRatio)} = {options.TraceSampleRatio} is not a share of calls; write a number from 0 to 1, such as 0.1.");
        }
        builder.Services.AddSingleton<StoreStateMetric>();
        // W3C trace context only. ASP.NET Core already continues a caller's traceparent when it creates the request's
        // span; with OpenTelemetry's default (trace context and baggage) its instrumentation extracts the headers a second
        // time on every call, sampled or not, and sets Baggage.Current (an async-local) to empty baggage. The service
        // neither reads nor passes on baggage.
        Sdk.SetDefaultTextMapPropagator(new TraceContextPropagator());
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .AddSource(SesricTelemetry.Name)
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = http => !IsMetricsListener(http);
                    // A careless client may put its key or a filter in the query string: never record it.
                    o.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                })
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio))))
            .WithMetrics(metrics => metrics
                .AddMeter(SesricTelemetry.Name)
                // Of ASP.NET Core's meters, only hosting's http.server.request.duration (the JSON face, the OData feed and
                // the gRPC paths as HTTP sees them; the dashboard shows it). AddAspNetCoreInstrumentation() listens to a
                // dozen meters, among them the memory pool's (about 21 measurements per cached Query, one per buffer rented
                // or returned), Kestrel's (two per HTTP/2 stream) and routing's (one per request), 29 measurements per call
                // in all against 3 now, and adds a middleware to every call (error.type on 5xx answers without an
                // exception, which gRPC never gives: its errors travel as HTTP 200). None of it is exported on purpose.
                .AddMeter(AspNetCoreHostingMeter)
                .AddView(AspNetCoreActiveRequests, MetricStreamConfiguration.Drop)
                .AddView(RpcTelemetry.CallDuration.Name, LatencyBuckets)
                .AddView(SesricTelemetry.QueryDuration.Name, LatencyBuckets)
                .AddView(SesricTelemetry.GateWait.Name, LatencyBuckets)
                .AddPrometheusExporter());
        var otlp = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") : options.OtlpEndpoint;
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            if (!Uri.TryCreate(otlp, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                throw new ServiceConfigurationException(
                    $"{SesricOptions.Section}:{nameof(SesricOptions.OtlpEndpoint)} = '{otlp}' is not a collector address; write http://HOST:4317 (OTLP over gRPC).");
            }
            // Traces, metrics and logs (with their trace and span ids) all go to the collector.
            telemetry.UseOtlpExporter(OtlpExportProtocol.Grpc, endpoint);
        }
    }

    /// <summary>
    /// Serves <c>/metrics</c> on the metrics listener and nothing else there (404), and keeps the API off it.
    /// Call first in the pipeline.
    /// </summary>
    /// <remarks>Every API call passes through here: the check is a port comparison, with no service lookup and no async state machine.</remarks>
    public static void UseSesricMetricsEndpoint(this WebApplication app)
    {
        if (app.Services.GetService<StoreStateMetric>() is null)
        {
            return; // telemetry off
        }
        var endpoints = app.Services.GetRequiredService<ServerEndpoints>();
        app.Use((http, next) =>
        {
            if (IsMetricsListener(endpoints, http) && !http.Request.Path.Equals(MetricsPath, StringComparison.Ordinal))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return next(http);
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: http => IsMetricsListener(endpoints, http) && http.Request.Path.Equals(MetricsPath, StringComparison.Ordinal),
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);
    }

    // Sub-millisecond cached answers and multi-second 1M-row queries both need resolution; the default buckets start at 5 (seconds).
    private static readonly ExplicitBucketHistogramConfiguration LatencyBuckets = new()
    {
        Boundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    };

    // ASP.NET Core's hosting meter, and its instrument the service does not export (a gauge of requests in flight, two
    // measurements per call).
    private const string AspNetCoreHostingMeter = "Microsoft.AspNetCore.Hosting";
    private const string AspNetCoreActiveRequests = "http.server.active_requests";

    private static bool IsMetricsListener(HttpContext http) =>
        http.RequestServices.GetService<ServerEndpoints>() is { } endpoints && IsMetricsListener(endpoints, http);

    private static bool IsMetricsListener(ServerEndpoints endpoints, HttpContext http) =>
        endpoints.Metrics?.IPEndPoint is { } metrics
        && http.Connection.LocalPort == metrics.Port; // by port alone: a wildcard bind (0.0.0.0) sees the interface's address
}
