using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// Answers semantic queries. <see cref="QueryEngine"/> runs them straight on a store; the service's runner puts a
/// concurrency gate and a result cache in front of the same engine. Reports, charts and the gRPC layer take this
/// seam, so every surface of one process goes through the same gate.
/// </summary>
public interface IQueryRunner
{
    /// <summary>The model queries are checked against.</summary>
    SemanticModel Model { get; }

    /// <summary>Runs <paramref name="query"/>; a bad query throws <see cref="QueryException"/> before the store is touched.</summary>
    Task<ResultTable> ExecuteAsync(SemanticQuery query, CancellationToken ct = default);
}
