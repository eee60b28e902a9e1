using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;

using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;
using Sesric.Analytics.Telemetry;

namespace Sesric.Analytics.Server.Tests.Telemetry;

/// <summary>deploy/observability: the dashboard and alert rules refer only to metrics the service really exports.</summary>
[Collection(TelemetryCollection.Name)]
public sealed partial class DeploymentFilesTests
{
    [Fact]
    public async Task The_dashboard_and_the_alert_rules_name_only_metrics_the_service_exports()
    {
        var deploy = Path.Combine(RepositoryRoot(), "deploy");
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(deploy, "observability", "grafana", "dashboards", "sesric-analytics.json")));
        var expressions = Expressions(dashboard.RootElement).ToList();
        var alertLines = (await File.ReadAllLinesAsync(Path.Combine(deploy, "observability", "alerts.yml")))
            .Where(l => !l.TrimStart().StartsWith('#')).ToList();
        var (exported, labels) = await ExportedNamesAsync();

        Assert.True(expressions.Count >= 10, $"{expressions.Count} queries in the dashboard");
        var used = expressions.Concat(alertLines).SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
        // A name the pattern finds is a metric's sample or a label the scrape carries (the key id label appears once a call is refused).
        Assert.Empty(used.Where(n => !exported.Contains(n) && !labels.Contains(n)).Order(StringComparer.Ordinal));
        Assert.Contains("rpc_grpc_status_code", labels);
        // Every metric of the service's own meter is on the dashboard.
        var own = exported.Where(n => n.StartsWith("sesric_", StringComparison.Ordinal) && !labels.Contains(n)).Select(Family).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(own.Where(f => !used.Any(u => Family(u) == f)).Order(StringComparer.Ordinal));
        foreach (var alert in new[] { "sesric_store_state{state=\"unavailable\"}", "rpc_grpc_status_code", "histogram_quantile(0.99" })
        {
            Assert.Contains(alertLines, l => l.Contains(alert, StringComparison.Ordinal));
        }
        Assert.Contains("dns_sd_configs", await File.ReadAllTextAsync(Path.Combine(deploy, "observability", "prometheus.yml")));
    }

    /// <summary>
    /// The names Prometheus sees: families scraped from a live service after a few calls, and every instrument of
    /// the libraries' meter converted as the exporter converts them (checked against the scrape for those it holds).
    /// </summary>
    private static async Task<(HashSet<string> Names, HashSet<string> Labels)> ExportedNamesAsync()
    {
        await using var capture = await TelemetryCapture.StartAsync();
        var reader = TestKeys.Headers(TestKeys.Reader);
        var query = new QueryRequest { Measures = { "participants" }, Dimensions = { "year" } };
        await capture.Host.Stats.QueryAsync(query, reader);
        await capture.Host.Stats.QueryAsync(query, reader);
        using var http = new HttpClient { BaseAddress = new Uri(capture.Host.MetricsAddress!) };
        var scrape = PrometheusText.Parse(await http.GetStringAsync("/metrics"));

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (family, type) in scrape.Types)
        {
            foreach (var name in Samples(family, type))
            {
                names.Add(name);
            }
        }
        var instruments = new List<Instrument>();
        using (var listener = new MeterListener { InstrumentPublished = (i, _) => { if (i.Meter.Name == SesricTelemetry.Name) { lock (instruments) { instruments.Add(i); } } } })
        {
            listener.Start();
        }
        Assert.Contains(instruments, i => i.Name == "sesric.forecast.training.duration");
        foreach (var instrument in instruments)
        {
            var (family, type) = Converted(instrument);
            if (scrape.Types.TryGetValue(family, out var scraped))
            {
                Assert.Equal(type, scraped);
            }
            else
            {
                Assert.DoesNotContain(scrape.Types.Keys, k => k.StartsWith(instrument.Name.Replace('.', '_'), StringComparison.Ordinal));
            }
            foreach (var name in Samples(family, type))
            {
                names.Add(name);
            }
        }
        var labels = scrape.Samples.SelectMany(s => s.Labels.Keys).Append(SesricTelemetry.KeyIdTag.Replace('.', '_')).ToHashSet(StringComparer.Ordinal);
        return (names, labels);
    }

    private static (string Family, string Type) Converted(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_');
        if (instrument.Unit == "s")
        {
            name += "_seconds";
        }
        var definition = instrument.GetType().GetGenericTypeDefinition();
        return definition == typeof(Counter<>) ? (name + "_total", "counter")
            : definition == typeof(Histogram<>) ? (name, "histogram")
            : (name, "gauge");
    }

    private static IEnumerable<string> Samples(string family, string type) =>
        type == "histogram" ? [family + "_bucket", family + "_sum", family + "_count"] : [family];

    private static string Family(string sample) => Regex.Replace(sample, "_(bucket|sum|count)$", "");

    private static IEnumerable<string> Expressions(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "expr")
                    {
                        yield return property.Value.GetString()!;
                    }
                    else
                    {
                        foreach (var e in Expressions(property.Value))
                        {
                            yield return e;
                        }
                    }
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var e in Expressions(item))
                    {
                        yield return e;
                    }
                }
                break;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sesric.Analytics.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Sesric.Analytics.sln not found above the test's folder.");
    }

    // Metric names: the service's own, the RPC convention's and ASP.NET Core's HTTP ones.
    [GeneratedRegex(@"\b(?:sesric|rpc|http)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();
}
