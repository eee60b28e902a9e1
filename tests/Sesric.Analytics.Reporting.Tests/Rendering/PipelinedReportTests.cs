using System.Diagnostics;

using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting.Rendering;
using Sesric.Analytics.Reporting.Specs;
using Sesric.Analytics.Reporting.Tests.Support;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Telemetry;

namespace Sesric.Analytics.Reporting.Tests.Rendering;

/// <summary>
/// A report's charts start drawing as soon as their own data is in, beside the queries still to run, and a forecast that
/// is still being computed holds back only the chart that shows it; the files are the same bytes as when everything was
/// known up front. Each test waits on something the old order (all queries, then all charts) would never let happen, with
/// a time limit so that such an order fails instead of hanging.
/// </summary>
public sealed class PipelinedReportTests(SeededStore seeded) : IClassFixture<SeededStore>
{
    private static readonly ProgrammeId Diplomacy = ProgrammeId.Parse("diplomacy-cab");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_chart_starts_rendering_before_the_last_query_has_answered()
    {
        var catalogue = await seeded.Store.LoadCatalogueAsync();
        var report = AnnualReport.Build(Diplomacy, 2022, catalogue);
        var engine = new QueryEngine(seeded.Store);
        var visuals = report.Pages.Sum(p => p.Visuals.Count);
        using var watch = new RenderSpanWatch();
        var calls = 0;

        // The first visual asks at most two queries (its data and its totals); every later one answers only once some
        // chart has started drawing, which only the first visual's chart can have done by then.
        async Task<Querying.ResultTable> Execute(SemanticQuery query, CancellationToken ct)
        {
            var table = await engine.ExecuteAsync(query, ct);
            if (Interlocked.Increment(ref calls) > 2)
            {
                await watch.FirstStarted.WaitAsync(Patience, ct);
            }
            return table;
        }

        var rendered = await ReportRun.RenderAsync(report, ReportVocabulary.From(engine.Model), Execute, Language.English, png: false, AnnualReport.RenderOptions(catalogue, null, Diplomacy), null, CancellationToken.None, queryTotals: true);

        Assert.True(calls > visuals, $"{calls} queries for {visuals} visuals");
        Assert.Equal(visuals, rendered.Count);
        Assert.Equal(report.Pages.SelectMany(p => p.Visuals).Select(v => v.Id), rendered.Select(r => r.Visual.Id));
    }

    [Fact]
    public async Task A_pending_forecast_holds_back_only_its_chart_and_draws_the_same_files_as_one_given_up_front()
    {
        var catalogue = await seeded.Store.LoadCatalogueAsync();
        var band = new ForecastBand([new ForecastPoint("2023", 90, 70, 112, 60, 125)], 0.8, "test forecast", OuterLevel: 0.95, AsOfYear: 2022);
        var upFront = Path.Combine(seeded.Folder, "up-front-" + Guid.NewGuid().ToString("N"));
        var expected = await AnnualReport.WriteAsync(seeded.Store, Diplomacy, 2022, Language.Arabic, upFront, band);

        // The band arrives only after every other chart has been drawn in both formats.
        var visuals = AnnualReport.Build(Diplomacy, 2022, catalogue).Pages.Sum(p => p.Visuals.Count);
        using var watch = new RenderSpanWatch();
        var forecast = watch.Stopped(2 * (visuals - 1)).WaitAsync(Patience).ContinueWith<ForecastBand?>(t => t.IsCompletedSuccessfully ? band : throw new TimeoutException("the other charts waited for the forecast"), TaskScheduler.Default);
        var pending = Path.Combine(seeded.Folder, "pending-" + Guid.NewGuid().ToString("N"));
        var files = await AnnualReport.WriteAsync(seeded.Store, catalogue, Diplomacy, 2022, Language.Arabic, pending, forecast);

        Assert.Equal(expected.Select(Path.GetFileName), files.Select(Path.GetFileName));
        for (var i = 0; i < files.Count; i++)
        {
            Assert.True(File.ReadAllBytes(expected[i]).AsSpan().SequenceEqual(File.ReadAllBytes(files[i])), $"{Path.GetFileName(files[i])} differs");
        }
        Assert.Contains("2023", File.ReadAllText(Path.Combine(pending, AnnualReport.ForecastVisualId + ".svg")));
    }

    [Fact]
    public async Task A_forecast_that_fails_fails_the_report_and_writes_nothing()
    {
        var catalogue = await seeded.Store.LoadCatalogueAsync();
        var dir = Path.Combine(seeded.Folder, "failed-" + Guid.NewGuid().ToString("N"));
        using var watch = new RenderSpanWatch();
        var forecast = Task.FromException<ForecastBand?>(new InvalidOperationException("the forecaster broke"));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => AnnualReport.WriteAsync(seeded.Store, catalogue, Diplomacy, 2022, Language.English, dir, forecast));

        Assert.Equal("the forecaster broke", e.Message);
        Assert.False(Directory.Exists(dir));
        // The other charts that had started were let finish: none is still drawing once the call has returned.
        Assert.Equal(0, watch.Open);
    }

    [Fact]
    public async Task A_year_without_an_edition_is_refused_before_anything_is_queried()
    {
        var catalogue = await seeded.Store.LoadCatalogueAsync();
        var dir = Path.Combine(seeded.Folder, "no-year-" + Guid.NewGuid().ToString("N"));

        var e = await Assert.ThrowsAsync<NoEditionInYearException>(() => AnnualReport.WriteAsync(seeded.Store, catalogue, Diplomacy, 2016, Language.English, dir, Task.FromResult<ForecastBand?>(null)));

        Assert.Contains("2016", e.Message);
        Assert.False(Directory.Exists(dir));
    }

    /// <summary>Watches the <c>sesric.render</c> spans started under this watch's own root span (not other tests').</summary>
    private sealed class RenderSpanWatch : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly Activity _root;
        private readonly TaskCompletionSource _firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<(int Count, TaskCompletionSource Reached)> _stopWaits = [];
        private int _open;
        private int _stopped;

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
                        Interlocked.Increment(ref _open);
                        _firstStarted.TrySetResult();
                    }
                },
                ActivityStopped = a =>
                {
                    if (Mine(a))
                    {
                        Interlocked.Decrement(ref _open);
                        var stopped = Interlocked.Increment(ref _stopped);
                        lock (_stopWaits)
                        {
                            foreach (var (count, reached) in _stopWaits)
                            {
                                if (stopped >= count)
                                {
                                    reached.TrySetResult();
                                }
                            }
                        }
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
            _root = new Activity("pipelined-report-test") { ActivityTraceFlags = ActivityTraceFlags.Recorded };
            _root.SetIdFormat(ActivityIdFormat.W3C);
            _root.Start();
        }

        public Task FirstStarted => _firstStarted.Task;

        public int Open => Volatile.Read(ref _open);

        /// <summary>Completes once <paramref name="count"/> render spans have stopped.</summary>
        public Task Stopped(int count)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_stopWaits)
            {
                _stopWaits.Add((count, reached));
                if (Volatile.Read(ref _stopped) >= count)
                {
                    reached.TrySetResult();
                }
            }
            return reached.Task;
        }

        private bool Mine(Activity a) => a.OperationName == "sesric.render" && a.RootId == _root.RootId;

        public void Dispose()
        {
            _root.Stop();
            _listener.Dispose();
        }
    }
}
