using System.Collections.Concurrent;

using Grpc.Core;

using Microsoft.Extensions.DependencyInjection;

using Sesric.Analytics.Application.Statistics;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Server.Tests.Infrastructure;


namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>
/// Every surface runs its queries through the service's one engine (gate and cache), and the cache knows a
/// question by its typed value, not by how its text was spelled.
/// </summary>
public sealed class QueryPathTests
{
    [Fact]
    public async Task The_same_question_spelled_differently_is_answered_from_the_cache()
    {
        await using var host = await ServiceHost.StartInMemoryAsync();
        var engine = host.Services.GetRequiredService<IStatisticsEngine>();

        var first = await engine.ExecuteAsync(SemanticQuery.FromText(["participants"], ["year"], "programme='diplomacy-cab'   AND year>=2020", "year  desc", policy: Semantic.DisclosurePolicy.Internal));
        var typed = SemanticQuery.Of("participants").By("year")
            .Where(FilterExpression.Equal("programme", "diplomacy-cab") & FilterExpression.AtLeast("year", 2020))
            .OrderedBy(new OrderTerm("year", Descending: true))
            .WithPolicy(Semantic.DisclosurePolicy.Internal);
        var second = await engine.ExecuteAsync(typed);
        var other = await engine.ExecuteAsync(typed.AndWhere(FilterExpression.Equal("gender", "female")));

        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.True(first.Rows.Count >= 2, "the built-in data has Diplomacy-CaB editions from 2020 on");
    }

    [Fact]
    public async Task Charts_and_reports_run_their_queries_through_the_services_engine()
    {
        var engine = new RecordingEngine();
        await using var host = await ServiceHost.StartInMemoryAsync(services: s => s.AddSingleton<IStatisticsEngine>(engine));
        var reports = new ReportService.ReportServiceClient(host.Channel);
        const string visual = """{"id":"trend","mark":"line","measure":"participants","category":"year","filters":[{"dimension":"programme","op":"eq","values":["diplomacy-cab"]}]}""";

        await RpcAssert.Fails(StatusCode.Internal, () => reports.RenderChartAsync(new RenderChartRequest { VisualJson = visual, Format = ChartFormat.Svg }, TestKeys.Headers(TestKeys.Reader)).ResponseAsync);

        var query = Assert.Single(engine.Seen);
        Assert.Equal(["participants"], query.Measures);
        Assert.Equal(["year"], query.Dimensions);
        Assert.Equal(FilterExpression.Equal("programme", "diplomacy-cab"), query.Filter);
    }

    /// <summary>Records each query and fails it, as a store that has gone away would.</summary>
    private sealed class RecordingEngine : IStatisticsEngine
    {
        public ConcurrentQueue<SemanticQuery> Seen { get; } = new();

        public SemanticModel Model => SemanticModel.Default;

        public Task<ResultTable> ExecuteAsync(SemanticQuery query, CancellationToken ct = default)
        {
            Seen.Enqueue(query);
            throw new InvalidOperationException("the recording engine answers nothing");
        }
    }
}
