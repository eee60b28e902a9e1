using System.Diagnostics;

using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting.Tests.Support;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Telemetry;

namespace Sesric.Analytics.Reporting.Tests.Rendering;

/// <summary>
/// Shared chart-render slots (a server's cap): several reports rendering at once never have more charts drawing than the
/// slots allow, seen from outside through the reporting library's <c>sesric.render</c> spans, and each report is the same
/// bytes as one rendered alone on every core.
/// </summary>
public sealed class ChartRenderSlotsTests(SeededStore seeded) : IClassFixture<SeededStore>
{
    private static readonly ProgrammeId Diplomacy = ProgrammeId.Parse("diplomacy-cab");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Reports_sharing_slots_render_at_most_that_many_charts_at_once_and_stay_byte_identical(int count)
    {
        var catalogue = await seeded.Store.LoadCatalogueAsync();
        var engine = new QueryEngine(seeded.Store);
        var report = AnnualReport.Build(Diplomacy, 2022, catalogue);
        var options = AnnualReport.RenderOptions(catalogue, null, Diplomacy);
        var alone = await ReportRenderer.RenderHtmlAsync(report, engine, Language.English, options: options);

        var slots = new ChartRenderSlots(count);
        using var watch = new RenderSpanWatch();
        var shared = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
            ReportRenderer.RenderHtmlAsync(report, engine, Language.English, options: options with { RenderSlots = slots }))));

        Assert.All(shared, html => Assert.Equal(alone, html));
        var charts = report.Pages.Sum(p => p.Visuals.Count);
        Assert.Equal(3 * charts, watch.Renders);
        Assert.InRange(watch.MostAtOnce, 1, count);
        Assert.InRange(slots.Peak, 1, count);
    }

    [Fact]
    public void Fewer_than_one_slot_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChartRenderSlots(0));
        Assert.InRange(ChartRenderSlots.HalfTheCores, 1, Math.Max(1, Environment.ProcessorCount));
    }

    /// <summary>
    /// Counts the <c>sesric.render</c> spans started under this watch's own root span (so other tests rendering in the same
    /// process are not counted) and the most that were open at the same moment.
    /// </summary>
    private sealed class RenderSpanWatch : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly Activity _root;
        private int _open;
        private int _mostAtOnce;
        private int _renders;

        public RenderSpanWatch()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == SesricTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStarted = a =>
                {
                    if (Mine(a))
                    {
                        Interlocked.Increment(ref _renders);
                        var now = Interlocked.Increment(ref _open);
                        lock (_listener!)
                        {
                            _mostAtOnce = Math.Max(_mostAtOnce, now);
                        }
                    }
                },
                ActivityStopped = a =>
                {
                    if (Mine(a))
                    {
                        Interlocked.Decrement(ref _open);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
            _root = new Activity("chart-render-slots-test") { ActivityTraceFlags = ActivityTraceFlags.Recorded };
            _root.SetIdFormat(ActivityIdFormat.W3C);
            _root.Start();
        }

        public int Renders => Volatile.Read(ref _renders);

        public int MostAtOnce
        {
            get
            {
                lock (_listener)
                {
                    return _mostAtOnce;
                }
            }
        }

        private bool Mine(Activity a) => a.OperationName == "sesric.render" && a.RootId == _root.RootId;

        public void Dispose()
        {
            _root.Stop();
            _listener.Dispose();
        }
    }
}
