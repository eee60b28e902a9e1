using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Application.Statistics;

/// <summary>
/// Runs semantic queries for the application: the seam between the surfaces (gRPC, JSON, OData) and the semantic engine. Every surface
/// (statistics, coverage, charts, reports) runs its queries through the one registered instance, so all share the
/// store's concurrency gate and the result cache.
/// </summary>
/// <remarks>It answers without regard to who asks: the API's services reach it only through its <c>CallerStatistics</c>, which
/// binds it to the caller's scope.</remarks>
public interface IStatisticsEngine : IQueryRunner;
