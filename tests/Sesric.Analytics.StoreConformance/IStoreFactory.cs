using Sesric.Analytics.Storage;

namespace Sesric.Analytics.StoreConformance;

/// <summary>How the conformance suite makes and opens the stores of one engine.</summary>
public interface IStoreFactory
{
    /// <summary>The engine name the stores report in <see cref="StoreDescription.Engine"/>.</summary>
    string Engine { get; }

    /// <summary>A fresh location (file path or database address) where no store exists yet.</summary>
    string NewLocation();

    /// <summary>Opens (creating and migrating) the store at <paramref name="location"/>.</summary>
    Task<IAnalyticsStore> OpenAsync(string location);

    /// <summary>
    /// SQL that turns a current store of this engine back into what schema version 10 wrote (each engine's newer
    /// migrations undone, newest first; see <see cref="Testing.OlderStore"/>).
    /// </summary>
    string BackToVersion10Sql { get; }

    /// <summary>Runs raw SQL against the store at <paramref name="location"/> while no store object has it open.</summary>
    Task ExecuteSqlAsync(string location, string sql);

    /// <summary>
    /// Runs a raw query against the store at <paramref name="location"/> while no store object has it open; returns its
    /// rows in the query's order, one line a row, values separated by <c>|</c> (NULL as nothing). The text of a value is
    /// the engine's own: compare answers of one engine with each other, not across engines.
    /// </summary>
    Task<string> QueryAsync(string location, string sql);
}
