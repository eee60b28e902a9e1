using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

using Sesric.Analytics.Api.Configuration;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Api.Security;

/// <summary>
/// The accepted API keys, held as SHA-256 hashes: a presented key is hashed and looked up, so the
/// configuration, the key file (and a memory dump) never hold a usable key. Expiry is checked at each lookup, so a
/// key stops working at its expiry time without a reload.
/// </summary>
/// <threadsafety>Immutable after construction; safe to share.</threadsafety>
public sealed class ApiKeyRegistry
{
    private readonly FrozenDictionary<string, Entry> _byHash;

    /// <summary>
    /// Builds the registry from configured keys (valid until the configuration changes; id <c>config:NAME</c>) and key
    /// file entries (with their expiry and revocation), rejecting malformed hashes and duplicate names or hashes with a
    /// message naming the entry.
    /// </summary>
    public ApiKeyRegistry(IEnumerable<ApiKeyOptions> keys, IEnumerable<KeyFileEntry>? fileKeys = null)
    {
        var byHash = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var key in keys)
        {
            var where = $"{SesricOptions.Section}:ApiKeys:{index}";
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                throw new InvalidOperationException($"{where}:Name is empty; give every API key a name (it appears in logs).");
            }
            var hash = key.Sha256.Trim().ToLowerInvariant();
            if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
            {
                throw new InvalidOperationException(
                    $"{where}:Sha256 for key '{key.Name}' is not a SHA-256 hex digest (64 hex characters); make one with: printf %s \"$KEY\" | sha256sum");
            }
            if (!Enum.IsDefined(key.Role))
            {
                throw new InvalidOperationException($"{where}:Role for key '{key.Name}' must be Reader, Analyst or Admin.");
            }
            DataScope scope;
            try
            {
                scope = DataScope.FromSlugs(key.Programmes);
            }
            catch (FormatException e)
            {
                throw new InvalidOperationException($"{where}:Programmes for key '{key.Name}': {e.Message}");
            }
            try
            {
                scope = DataScope.FromSlugs(key.Programmes, key.MemberStates);
            }
            catch (FormatException e)
            {
                throw new InvalidOperationException($"{where}:MemberStates for key '{key.Name}': {e.Message}");
            }
            var caller = new Caller(key.Name, key.Role, ConfiguredId(key.Name)) { Scope = scope };
            if (!names.Add(key.Name) || !byHash.TryAdd(hash, new Entry(caller, null, null)))
            {
                throw new InvalidOperationException($"{where}: key '{key.Name}' repeats another key's name or hash.");
            }
            index++;
        }
        foreach (var key in fileKeys ?? [])
        {
            // Names may repeat in a key file (old and new key of one holder during a rotation); ids and hashes may not.
            var caller = new Caller(key.Name, key.Role, key.Id) { Scope = key.ToScope() };
            if (!byHash.TryAdd(key.Sha256.ToLowerInvariant(), new Entry(caller, key.Expires, key.Revoked)))
            {
                throw new InvalidOperationException($"key file entry '{key.Id}' repeats the secret of another key.");
            }
        }
        _byHash = byHash.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>How many keys are known (including expired and revoked key file entries).</summary>
    public int Count => _byHash.Count;

    /// <summary>The id of a key configured under <c>Sesric:ApiKeys</c>.</summary>
    public static string ConfiguredId(string name) => "config:" + name;

    /// <summary>The caller a presented key belongs to when it is accepted at <paramref name="now"/>, else null with the reason in <paramref name="refusal"/>.</summary>
    public Caller? Find(string presentedKey, DateTimeOffset now, out string? refusal)
    {
        refusal = null;
        if (!_byHash.TryGetValue(Hash(presentedKey), out var entry))
        {
            refusal = "holds a key this server does not accept";
            return null;
        }
        if (entry.Revoked is { } revoked)
        {
            refusal = $"holds key {entry.Caller.KeyId}, revoked on {revoked.UtcDateTime:yyyy-MM-dd HH:mm} UTC";
            return null;
        }
        if (entry.Expires is { } expires && now >= expires)
        {
            refusal = $"holds key {entry.Caller.KeyId}, expired on {expires.UtcDateTime:yyyy-MM-dd HH:mm} UTC";
            return null;
        }
        return entry.Caller;
    }

    /// <summary>The caller a presented key belongs to when it is accepted at <paramref name="now"/>, else null.</summary>
    public Caller? Find(string presentedKey, DateTimeOffset now) => Find(presentedKey, now, out _);

    private sealed record Entry(Caller Caller, DateTimeOffset? Expires, DateTimeOffset? Revoked);

    /// <summary>The lower-case hex SHA-256 digest of a key's UTF-8 bytes, as configuration stores it.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new random key (32 bytes, URL-safe base64 with a <c>sk_</c> prefix).</summary>
    public static string NewKey() =>
        "sk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
