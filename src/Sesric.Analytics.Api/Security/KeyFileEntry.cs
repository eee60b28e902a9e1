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
/// <param name="MemberStates">
/// The member states (ISO alpha-3 codes) whose participants the key may see, or null for every state (files written
/// before member-state scopes have none).
/// </param>
public sealed record KeyFileEntry(
    string Id,
    string Name,
    Role Role,
    string Sha256,
    DateTimeOffset Created,
    DateTimeOffset? Expires,
    DateTimeOffset? Revoked,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Programmes = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonPropertyName("member_states")] IReadOnlyList<string>? MemberStates = null)
{
    /// <summary>The key's scope: its programmes and member states, or <see cref="DataScope.All"/>.</summary>
    /// <exception cref="FormatException">A programme is not a slug, or a member state not an ISO alpha-3 code.</exception>
    public DataScope ToScope() => DataScope.FromSlugs(Programmes, MemberStates);

    /// <summary>Equal when every field is, the lists compared by their items (a reload that changes a scope is a change).</summary>
    public bool Equals(KeyFileEntry? other) =>
        other is not null && Id == other.Id && Name == other.Name && Role == other.Role && Sha256 == other.Sha256
        && Created == other.Created && Expires == other.Expires && Revoked == other.Revoked
        && SameItems(Programmes, other.Programmes) && SameItems(MemberStates, other.MemberStates);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Sha256, Created, Expires, Revoked);

    private static bool SameItems(IReadOnlyList<string>? left, IReadOnlyList<string>? right) =>
        left is null ? right is null : right is not null && left.SequenceEqual(right, StringComparer.Ordinal);

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
    /// <param name="memberStates">The member states (ISO alpha-3) the key may see; null or empty for every state.</param>
    /// <exception cref="FormatException">A programme is not a slug, or a member state not an ISO alpha-3 code.</exception>
    public static (KeyFileEntry Entry, string Secret) Create(
        string name, Role role, DateTimeOffset now, DateTimeOffset? expires, IEnumerable<string>? programmes = null, IEnumerable<string>? memberStates = null)
    {
        var scope = DataScope.FromSlugs(programmes, memberStates);
        var secret = ApiKeyRegistry.NewKey();
        var id = "key_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        return (new KeyFileEntry(id, name, role, ApiKeyRegistry.Hash(secret), now, expires, null,
            scope.Programmes?.Select(p => p.Value).ToArray(), scope.MemberStates?.Select(s => s.Value).ToArray()), secret);
    }
}
