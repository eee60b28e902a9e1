using Sesric.Analytics.Model;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Service.Statistics;

/// <summary>
/// Runs semantic queries for the service: the seam between the gRPC layer and the semantic engine. Every surface
/// (statistics, coverage, charts, reports) runs its queries through the one registered instance, so all share the
/// store's concurrency gate and the result cache.
/// </summary>
public interface IStatisticsEngine : IQueryRunner
{
    /// <summary>
    /// The (programme, year, member state) triples with at least one counted participant from a member
    /// state in good standing on the edition's date, for coverage.
    /// </summary>
    Task<IReadOnlyList<(ProgrammeId Programme, int Year, CountryCode Country)>> RepresentedMemberStatesAsync(ProgrammeId? programme, int? year, CancellationToken cancellationToken);
}
