namespace Sesric.Analytics.Storage;

/// <summary>Everything that writes a store's data: reference data and participations imports.</summary>
/// <remarks>Every write is one transaction: it lands whole or not at all. Implementations are safe to call from several
/// threads at once.</remarks>
public interface IStoreWriter : IReferenceDataWriter, IParticipationImporter;
