using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Service.Hosting;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Service.Statistics;

/// <summary>
/// The semantic engine (<see cref="QueryEngine"/>) over the service's current store. One engine is built per opened
/// store (the store is replaced when it is reopened after a fault), over the service's model (the built-in one plus
/// <c>Sesric:ModelPath</c>'s measures).
/// </summary>
/// <threadsafety>Safe to share; the engine and store are.</threadsafety>
public sealed class SemanticStatisticsEngine(StoreHost host, SemanticModel model) : IStatisticsEngine
{
    private (IAnalyticsStore Store, QueryEngine Engine)? _current;

    /// <inheritdoc/>
    public SemanticModel Model => model;

    /// <inheritdoc/>
    public Task<ResultTable> ExecuteAsync(SemanticQuery query, CancellationToken ct = default) => Engine().ExecuteAsync(query, ct);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<(ProgrammeId Programme, int Year, CountryCode Country)>> RepresentedMemberStatesAsync(
        ProgrammeId? programme, int? year, CancellationToken cancellationToken)
    {
        // Internal policy: which states took part is the point here; no count is returned to the client.
        var query = SemanticQuery.Of("member_states").By("programme", "year", "member_state")
            .Where(FilterExpression.All(
                programme is { } p ? FilterExpression.Equal("programme", p.ToString()) : null,
                year is { } y ? FilterExpression.Equal("year", y) : null))
            .WithPolicy(DisclosurePolicy.Internal);
        var table = await Engine().ExecuteAsync(query, cancellationToken);
        var (pi, yi, ci, mi) = (table.IndexOf("programme"), table.IndexOf("year"), table.IndexOf("member_state"), table.IndexOf("member_states"));
        var result = new List<(ProgrammeId, int, CountryCode)>();
        foreach (var row in table.Rows)
        {
            if (row[mi].AsDouble() is >= 1
                && row[pi].Value is string slug && ProgrammeId.TryParse(slug, out var id)
                && row[yi].AsDouble() is { } rowYear
                && row[ci].Value is string iso && CountryCode.TryParse(iso, out var code))
            {
                result.Add((id, (int)rowYear, code));
            }
        }
        return result;
    }

    private QueryEngine Engine()
    {
        var store = host.Store;
        var current = _current;
        if (current is { } c && ReferenceEquals(c.Store, store))
        {
            return c.Engine;
        }
        var engine = new QueryEngine(store, model);
        _current = (store, engine);
        return engine;
    }
}
