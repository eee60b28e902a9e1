using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

using Sesric.Analytics.Service.Configuration;

namespace Sesric.Analytics.Service.Security;

/// <summary>
/// The accepted API keys, held as SHA-256 hashes: a presented key is hashed and looked up, so the
/// configuration (and a memory dump) never holds a usable key.
/// </summary>
/// <threadsafety>Immutable after construction; safe to share.</threadsafety>
public sealed class ApiKeyRegistry
{
    private readonly FrozenDictionary<string, Caller> _byHash;

    /// <summary>Builds the registry, rejecting malformed hashes and duplicate names or hashes with a message naming the entry.</summary>
    public ApiKeyRegistry(IEnumerable<ApiKeyOptions> keys)
    {
        var byHash = new Dictionary<string, Caller>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var key in keys)
        {
            var where = $"{ServerOptions.Section}:ApiKeys:{index}";
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
            if (!names.Add(key.Name) || !byHash.TryAdd(hash, new Caller(key.Name, key.Role)))
            {
                throw new InvalidOperationException($"{where}: key '{key.Name}' repeats another key's name or hash.");
            }
            index++;
        }
        _byHash = byHash.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>How many keys are accepted.</summary>
    public int Count => _byHash.Count;

    /// <summary>The caller a presented key belongs to, or null when it is not accepted.</summary>
    public Caller? Find(string presentedKey) =>
        _byHash.TryGetValue(Hash(presentedKey), out var caller) ? caller : null;

    /// <summary>The lower-case hex SHA-256 digest of a key's UTF-8 bytes, as configuration stores it.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new random key (32 bytes, URL-safe base64 with a <c>sk_</c> prefix).</summary>
    public static string NewKey() =>
        "sk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
