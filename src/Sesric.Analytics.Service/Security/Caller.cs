namespace Sesric.Analytics.Service.Security;

/// <summary>The authenticated holder of an API key, as the services see it.</summary>
/// <param name="Name">The key's configured name (never the key).</param>
/// <param name="Role">The key's role.</param>
public sealed record Caller(string Name, Role Role)
{
    /// <summary>Whether the caller's role includes <paramref name="required"/>.</summary>
    public bool Has(Role required) => Role >= required;
}
