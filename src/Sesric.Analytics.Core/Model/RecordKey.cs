using System.Security.Cryptography;
using System.Text;

namespace Sesric.Analytics.Model;

/// <summary>
/// A participant's record key: a fixed random number in [0, <see cref="Modulus"/>) stored with the person, from
/// which the public disclosure policy derives each cell's key (the sum of its people's record keys, modulo
/// <see cref="Modulus"/>).
/// </summary>
/// <remarks>
/// <para>The key never changes once stored: the same set of people always gives the same cell key, so a figure
/// asked again, or through another query, gets the same protection (see the README's disclosure section). It
/// travels with the person through export and import (the participations file's <c>record_key</c> column), so a
/// store rebuilt from an export publishes the same figures.</para>
/// <para>A store draws a key from a cryptographic random source for a person imported without one. Generated and
/// built-in data derive theirs from the person's id with <see cref="Derive"/>, so every machine that seeds the
/// built-in registry publishes the same figures.</para>
/// </remarks>
public static class RecordKey
{
    /// <summary>Keys lie in [0, 2^24): small enough that a person's integer key times the modulus plus the record key fits in 64 bits.</summary>
    public const int Modulus = 1 << 24;

    /// <summary>Whether <paramref name="key"/> is a valid record key.</summary>
    public static bool IsValid(long key) => key is >= 0 and < Modulus;

    /// <summary>A fresh key from a cryptographic random source.</summary>
    public static int NewRandom() => RandomNumberGenerator.GetInt32(Modulus);

    /// <summary>
    /// A key derived from <paramref name="id"/> and a <paramref name="context"/> string (HMAC-SHA256): the same on
    /// every machine, unpredictable without the context. For generated and built-in data only.
    /// </summary>
    public static int Derive(ParticipantId id, string context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(context), Encoding.UTF8.GetBytes(id.Value), hash);
        return (hash[0] << 16) | (hash[1] << 8) | hash[2];
    }
}
