namespace Sesric.Analytics.Storage;

/// <summary>
/// Where participation data lives. The embedded default is DuckDB (one file); a PostgreSQL
/// implementation serves deployments with several replicas. Implementations speak portable SQL and
/// expose only the project's own types: no driver type crosses this interface.
/// </summary>
/// <remarks>
/// <para>The store composes its roles: <see cref="IStoreReader"/> (<see cref="ICatalogueReader"/>,
/// <see cref="IParticipationReader"/>, <see cref="IEditionStatisticsReader"/>, <see cref="IStatementRunner"/>) and
/// <see cref="IStoreWriter"/> (<see cref="IReferenceDataWriter"/>, <see cref="IParticipationImporter"/>). A caller that
/// needs one role depends on that role only; whoever opened the store owns it and disposes it.</para>
/// <para>Every write is one transaction: it lands whole or not at all. Aggregations run in the database.
/// Implementations are safe to call from several threads at once.</para>
/// </remarks>
public interface IAnalyticsStore : IStoreReader, IStoreWriter, IAsyncDisposable;
