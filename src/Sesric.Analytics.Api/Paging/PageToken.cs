using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

using Sesric.Analytics.Api.Errors;

namespace Sesric.Analytics.Api.Paging;

/// <summary>
/// Opaque page tokens (AIP-158): URL-safe base64 of a version byte, the offset of the next item, and a
/// fingerprint of the query that produced them. A token replayed with a different filter, order or
/// parent is refused, so a client never gets a page of one query spliced onto another.
/// </summary>
/// <remarks>Tokens are not secret and not signed: a forged offset only skips rows the caller may read anyway.</remarks>
public static class PageToken
{
    private const byte Version = 1;

    /// <summary>A fingerprint of the query parts that must stay the same between pages.</summary>
    public static ulong Fingerprint(params string?[] parts)
    {
        var text = string.Join("\u001f", parts.Select(p => p ?? ""));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }

    /// <summary>The token for the page starting at <paramref name="offset"/>.</summary>
    public static string Encode(long offset, ulong fingerprint)
    {
        Span<byte> bytes = stackalloc byte[17];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], offset);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[9..], fingerprint);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The offset a token points at (0 for an empty token), or INVALID_ARGUMENT naming <c>page_token</c>.</summary>
    public static long Decode(string? token, ulong fingerprint)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }
        var bytes = TryBase64(token);
        // Offsets past int.MaxValue are never issued (no listing or result holds that many rows) and would
        // overflow the engines' 32-bit offsets: a forged one is refused like any other foreign token.
        if (bytes is not { Length: 17 } || bytes[0] != Version || BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1)) is < 0 or > int.MaxValue)
        {
            throw RpcErrors.InvalidArgument("page_token", "is not a token this server issued; pass next_page_token unchanged, or leave it empty for the first page.", ErrorReasons.InvalidPageToken);
        }
        if (BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(9)) != fingerprint)
        {
            throw RpcErrors.InvalidArgument("page_token", "belongs to a different query (the parent, filter or order changed); start again without a page_token.", ErrorReasons.InvalidPageToken);
        }
        return BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1));
    }

    /// <summary>The page size to use: <paramref name="defaultSize"/> for 0, capped at <paramref name="maxSize"/>, INVALID_ARGUMENT when negative.</summary>
    public static int Size(int requested, int defaultSize, int maxSize, string field = "page_size") =>
        requested switch
        {
            < 0 => throw RpcErrors.InvalidArgument(field, $"must not be negative (was {requested}); use 0 for the default of {defaultSize}."),
            0 => defaultSize,
            _ => Math.Min(requested, maxSize),
        };

    private static byte[]? TryBase64(string token)
    {
        var padded = token.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
