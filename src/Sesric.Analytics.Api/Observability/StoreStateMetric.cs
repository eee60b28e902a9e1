using System.Diagnostics.Metrics;

using Sesric.Analytics.Api.Hosting;
using Sesric.Analytics.Telemetry;

namespace Sesric.Analytics.Api.Observability;

/// <summary>
/// The gauge <c>sesric.store.state</c>: one series per state (<c>healthy</c>, <c>degraded</c>, <c>unavailable</c>), 1 for
/// the store's current state and 0 for the others, so that a dashboard shows the state and an alert fires on
/// <c>state="unavailable"</c> without decoding numbers.
/// </summary>
/// <remarks>
/// Healthy: open and answering. Degraded: still opening at start (calls answer UNAVAILABLE for a moment; expected).
/// Unavailable: failed under the service and being reopened, or could not be opened at all. Health says
/// NOT_SERVING in the last two; this gauge tells them apart from outside. The meter comes from the host's
/// <see cref="IMeterFactory"/>, so the gauge goes away with the host.
/// </remarks>
public sealed class StoreStateMetric
{
    /// <summary>Registers the gauge over <paramref name="host"/>.</summary>
    public StoreStateMetric(StoreHost host, IMeterFactory meters)
    {
        var meter = meters.Create(SesricTelemetry.Name);
        meter.CreateObservableGauge(
            SesricTelemetry.StoreStateName,
            () => Observe(StateOf(host)),
            "{state}",
            "The store's state: 1 on the series of the current state (healthy, degraded or unavailable), 0 on the others.");
    }

    /// <summary>The state of <paramref name="host"/>'s store.</summary>
    public static string StateOf(StoreHost host) =>
        host.IsReady ? "healthy"
        : host.Fault is null && host.StartupFailure is null ? "degraded"
        : "unavailable";

    private static IEnumerable<Measurement<int>> Observe(string current) =>
        new[] { "healthy", "degraded", "unavailable" }.Select(s => new Measurement<int>(s == current ? 1 : 0, new KeyValuePair<string, object?>("state", s)));
}
