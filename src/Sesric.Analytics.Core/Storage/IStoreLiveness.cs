namespace Sesric.Analytics.Storage;

/// <summary>A store on a database server, which can be unreachable while the store object itself is fine.</summary>
public interface IStoreLiveness
{
    /// <summary>Whether the database answers a trivial statement now (false, not an exception, when it does not).</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken = default);
}
