using System.Diagnostics;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.Telemetry;

/// <summary>A Kestrel host of the service whose traces and metrics also go to OpenTelemetry's in-memory exporter.</summary>
public sealed class TelemetryCapture : IAsyncDisposable
{
    // The exporters add from the threads that end spans and flush metrics; the tests read meanwhile.
    private readonly SynchronizedCollection<Activity> _spans;
    private readonly SynchronizedCollection<Metric> _metrics;

    private TelemetryCapture(ServiceHost host, SynchronizedCollection<Activity> spans, SynchronizedCollection<Metric> metrics)
    {
        Host = host;
        _spans = spans;
        _metrics = metrics;
    }

    public ServiceHost Host { get; }

    public static async Task<TelemetryCapture> StartAsync(IDictionary<string, string?>? settings = null, ScopeCapture? logs = null)
    {
        var all = new Dictionary<string, string?> { ["Sesric:TraceSampleRatio"] = "1" };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }
        var spans = new SynchronizedCollection<Activity>();
        var metrics = new SynchronizedCollection<Metric>();
        var host = await ServiceHost.StartKestrelAsync(all, services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
            services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
            if (logs is not null)
            {
                services.AddLogging(l => l.AddProvider(logs));
            }
        });
        return new TelemetryCapture(host, spans, metrics);
    }

    /// <summary>The finished spans of <paramref name="traceId"/>, waiting for the server span (it ends after the client has its answer).</summary>
    public async Task<IReadOnlyList<Activity>> TraceAsync(ActivityTraceId traceId, int atLeast)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var found = _spans.Snapshot().Where(a => a.TraceId == traceId).ToArray();
            // The server span ends after its children, so a trace is whole only once it is among them: counting spans
            // alone returned two engine spans of a failed call before its server span was exported.
            var whole = found.Length >= atLeast && found.Any(a => a.Kind == ActivityKind.Server);
            if (whole || deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                return found;
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Exports the metrics now and returns the sum (counters) or count (histograms) of <paramref name="name"/>'s points that match <paramref name="match"/>.</summary>
    public double Read(string name, Func<MetricPoint, bool>? match = null)
    {
        lock (_metrics)
        {
            _metrics.Clear();
            Host.Services.GetRequiredService<MeterProvider>().ForceFlush();
            var total = 0.0;
            foreach (var metric in _metrics.Snapshot().Where(m => m.Name == name))
            {
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    if (match is not null && !match(point))
                    {
                        continue;
                    }
                    total += metric.MetricType switch
                    {
                        MetricType.Histogram => point.GetHistogramCount(),
                        MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
                        MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble(),
                        MetricType.LongGauge => point.GetGaugeLastValueLong(),
                        MetricType.DoubleGauge => point.GetGaugeLastValueDouble(),
                        _ => throw new InvalidOperationException($"{name} is a {metric.MetricType}"),
                    };
                }
            }
            return total;
        }
    }

    /// <summary>Whether a point carries the tag <paramref name="key"/> = <paramref name="value"/>.</summary>
    public static bool Has(MetricPoint point, string key, object value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key && Equals(tag.Value?.ToString(), value.ToString()))
            {
                return true;
            }
        }
        return false;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
