using System.Diagnostics;

using Sesric.Analytics.Telemetry;

namespace Sesric.Analytics.Core.Tests.Telemetry;

/// <summary>Spans under an unsampled parent are not created (traces are sampled by their root); under a sampled one they are.</summary>
public sealed class SesricTelemetryTests
{
    [Fact]
    public void A_span_is_started_under_a_recorded_parent_and_skipped_under_one_sampled_out()
    {
        using var parents = new ActivitySource("Sesric.Analytics.Tests.Parents");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == SesricTelemetry.Name || s.Name == parents.Name,
            // Parent-based, as the service's sampler: a root named "sampled" is recorded, "dropped" only propagated.
            Sample = (ref ActivityCreationOptions<ActivityContext> o) =>
                o.Parent == default
                    ? (o.Name == "sampled" ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.PropagationData)
                    : o.Parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(listener);

        using (var dropped = parents.StartActivity("dropped"))
        {
            Assert.NotNull(dropped);
            Assert.False(dropped.Recorded);
            Assert.Null(SesricTelemetry.Start("sesric.query"));
        }
        using (var sampled = parents.StartActivity("sampled"))
        {
            Assert.NotNull(sampled);
            using var child = SesricTelemetry.Start("sesric.query");
            Assert.NotNull(child);
            Assert.True(child.Recorded);
            Assert.Equal(sampled.TraceId, child.TraceId);
        }
    }
}
