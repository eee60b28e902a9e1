namespace Sesric.Analytics.Application.Statistics;

/// <summary>How the shared query runner bounds its work.</summary>
/// <param name="CacheEntries">How many distinct results are kept in memory (dashboards repeat the same queries); 0 turns the cache off.</param>
/// <param name="MaxConcurrentQueries">How many queries may run in the database at once; more wait their turn, within their deadline. At least 1.</param>
/// <param name="InMemoryFactRows">The most counted fact rows a store may hold for queries to be answered in memory (see <see cref="Semantic.QueryEngine.DefaultInMemoryFactRows"/>); 0 turns it off.</param>
public sealed record QueryRunnerOptions(int CacheEntries = 512, int MaxConcurrentQueries = 4, int InMemoryFactRows = Semantic.QueryEngine.DefaultInMemoryFactRows);
