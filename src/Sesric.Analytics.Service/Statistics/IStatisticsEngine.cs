using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Service.Statistics;

/// <summary>Runs semantic queries for the service: the seam between the gRPC layer and the semantic engine.</summary>
public interface IStatisticsEngine
{
    /// <summary>Runs <paramref name="request"/> in the database; throws the engine's own exception (mapped to INVALID_ARGUMENT) on a bad query.</summary>
    Task<ResultTable> RunAsync(StatisticsRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The (programme, year, member state) triples with at least one counted participant from a member
    /// state in good standing on the edition's date, for coverage.
    /// </summary>
    Task<IReadOnlyList<(ProgrammeId Programme, int Year, CountryCode Country)>> RepresentedMemberStatesAsync(ProgrammeId? programme, int? year, CancellationToken cancellationToken);
}
