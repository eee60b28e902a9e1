using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Storage;

/// <summary>
/// A store as the semantic engine uses it: it says which engine it is (so statements are compiled for its SQL dialect)
/// and runs read-only parameterised statements.
/// </summary>
/// <remarks>Implementations are safe to call from several threads at once.</remarks>
public interface IStatementRunner
{
    /// <summary>What this store is: engine (whose SQL dialect statements must speak), location and schema version.</summary>
    StoreDescription Description { get; }

    /// <summary>Runs a read-only parameterised statement (from the semantic engine) and returns its rows.</summary>
    Task<SqlRows> QueryAsync(SqlStatement statement, CancellationToken cancellationToken = default);
}
