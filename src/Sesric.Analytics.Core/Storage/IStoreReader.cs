namespace Sesric.Analytics.Storage;

/// <summary>
/// Everything a store answers without writing: its catalogue, the registry, per-edition statistics and the semantic
/// engine's statements. Reports, forecasts and exports depend on this, so they cannot write.
/// </summary>
/// <remarks>Implementations are safe to call from several threads at once.</remarks>
public interface IStoreReader : ICatalogueReader, IParticipationReader, IEditionStatisticsReader, IStatementRunner;
