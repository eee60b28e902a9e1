using Sesric.Analytics.Model;

namespace Sesric.Analytics.Storage;

/// <summary>A store as a reader of its reference data: programmes, editions and countries.</summary>
/// <remarks>Implementations are safe to call from several threads at once.</remarks>
public interface ICatalogueReader
{
    /// <summary>Loads programmes, editions and countries (small tables) into a <see cref="Catalogue"/>.</summary>
    Task<Catalogue> LoadCatalogueAsync(CancellationToken cancellationToken = default);
}
