using System.Text.Json.Serialization;

using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Api.Security;

/// <summary>One API key in a key file: who holds it, what it may do and when it is valid; the secret only as its SHA-256.</summary>
/// <param name="Id">The key's public id (<c>key_</c> and 12 hex digits): shown in lists, logs and the audit log, never secret.</param>
/// <param name="Name">Who holds the key; the rate-limit partition.</param>
/// <param name="Role">What the key may do.</param>
/// <param name="Sha256">The lower-case hex SHA-256 digest of the secret's UTF-8 bytes.</param>
/// <param name="Created">When the key was made.</param>
/// <param name="Expires">When the key stops working, or null for never.</param>
/// <param name="Revoked">When the key was revoked, or null.</param>
/// <param name="Programmes">
/// The programmes (slugs) the key may see, or null for every programme (key files written before scopes existed have
/// none, and keep seeing everything).
/// </param>
public sealed record KeyFileEntry(
    string Id,
    string Name,
    Role Role,
    string Sha256,
    DateTimeOffset Created,
    DateTimeOffset? Expires,
    DateTimeOffset? Revoked,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Programmes = null)
{
    /// <summary>The key's scope: its programmes, or <see cref="DataScope.All"/>.</summary>
    /// <exception cref="FormatException">A programme is not a slug.</exception>
    public DataScope ToScope() => DataScope.FromSlugs(Programmes);

    /// <summary>Whether the key is accepted at <paramref name="now"/>: not revoked and not expired.</summary>
    public bool IsValidAt(DateTimeOffset now) => Revoked is null && (Expires is not { } expires || now < expires);

    /// <summary>The key's state at <paramref name="now"/>: <c>active</c>, <c>expired</c> or <c>revoked</c>.</summary>
    public string StateAt(DateTimeOffset now) => Revoked is not null ? "revoked" : IsValidAt(now) ? "active" : "expired";

    /// <summary>A new key and its secret (to be shown once and never stored).</summary>
    /// <param name="name">Who holds the key.</param>
    /// <param name="role">What the key may do.</param>
    /// <param name="now">The creation time.</param>
    /// <param name="expires">When the key stops working, or null for never.</param>
    /// <param name="programmes">The programmes the key may see; null or empty for every programme.</param>
    /// <exception cref="FormatException">A programme is not a slug.</exception>
    public static (KeyFileEntry Entry, string Secret) Create(string name, Role role, DateTimeOffset now, DateTimeOffset? expires, IEnumerable<string>? programmes = null)
    {
        var scope = DataScope.FromSlugs(programmes);
        var secret = ApiKeyRegistry.NewKey();
        var id = "key_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        return (new KeyFileEntry(id, name, role, ApiKeyRegistry.Hash(secret), now, expires, null, scope.Programmes?.Select(p => p.Value).ToArray()), secret);
    }
}
