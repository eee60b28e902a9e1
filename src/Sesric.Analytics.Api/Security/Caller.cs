using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Api.Security;

/// <summary>The authenticated holder of an API key or client certificate, as the services see it.</summary>
/// <param name="Name">The key's configured name (never the key).</param>
/// <param name="Role">The key's role.</param>
/// <param name="KeyId">
/// The credential's public id for logs and the audit log: a key file id (<c>key_…</c>), <c>config:NAME</c> for a
/// configured key, <c>cert:NAME</c> for a client certificate; never secret.
/// </param>
public sealed record Caller(string Name, Role Role, string? KeyId = null)
{
    /// <summary>The programmes and member states the caller may see (<see cref="DataScope.All"/> for a key without scopes).</summary>
    public DataScope Scope { get; init; } = DataScope.All;

    /// <summary>Whether the caller's role includes <paramref name="required"/>.</summary>
    public bool Has(Role required) => Role >= required;

    /// <summary>The id to record: <see cref="KeyId"/>, else the name.</summary>
    public string Id => KeyId ?? Name;
}
