using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Api.Statistics;

/// <summary>
/// Runs semantic queries for the service: the seam between the gRPC layer and the semantic engine. Every surface
/// (statistics, coverage, charts, reports) runs its queries through the one registered instance, so all share the
/// store's concurrency gate and the result cache.
/// </summary>
/// <remarks>It answers without regard to who asks: services reach it only through <see cref="CallerStatistics"/>, which
/// binds it to the caller's scope.</remarks>
public interface IStatisticsEngine : IQueryRunner;
