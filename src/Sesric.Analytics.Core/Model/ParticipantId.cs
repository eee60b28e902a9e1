namespace Sesric.Analytics.Model;

/// <summary>
/// A pseudonymous, stable participant identifier such as <c>p-3f9a12</c>.
/// </summary>
/// <remarks>
/// Invariant: 1–64 characters from <c>A-Z a-z 0-9 - _ .</c>. That alphabet has no <c>@</c> and no space,
/// so an e-mail address or a "First Last" name cannot be stored as an id: the analytical store never
/// holds a name or an e-mail. Use <see cref="Pseudonymise"/> to derive an id from an identity kept elsewhere.
/// </remarks>
/// <threadsafety>Immutable value type; safe to share.</threadsafety>
public readonly record struct ParticipantId : IComparable<ParticipantId>
{
    private readonly string? _value;

    private ParticipantId(string value) => _value = value;

    /// <summary>The id text.</summary>
    public string Value => _value ?? "";

    /// <summary>Parses an id, throwing a <see cref="FormatException"/> that says why it was refused.</summary>
    public static ParticipantId Parse(string text) =>
        TryParse(text, out var id, out var why) ? id : throw new FormatException(why);

    /// <summary>Parses an id; <paramref name="error"/> says why when it fails.</summary>
    public static bool TryParse(string? text, out ParticipantId id, out string error)
    {
        id = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "participant id is empty.";
            return false;
        }
        if (text.Length > 64)
        {
            error = $"participant id is {text.Length} characters long; at most 64 are allowed.";
            return false;
        }
        if (text.Contains('@'))
        {
            error = "participant id looks like an e-mail address; store a pseudonymous id, never an e-mail.";
            return false;
        }
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                error = c == ' '
                    ? "participant id contains a space (a name?); store a pseudonymous id, never a name."
                    : $"participant id contains '{c}'; only letters, digits, '-', '_' and '.' are allowed.";
                return false;
            }
        }
        id = new ParticipantId(text);
        error = "";
        return true;
    }

    /// <summary>
    /// Derives a stable pseudonym from an identity held outside the store (an e-mail, a registry number)
    /// with a keyed hash; the same identity and key always give the same id, and the id does not reveal the identity.
    /// </summary>
    public static ParticipantId Pseudonymise(string identity, ReadOnlySpan<byte> key)
    {
        var normalised = System.Text.Encoding.UTF8.GetBytes(identity.Trim().ToLowerInvariant());
        var mac = System.Security.Cryptography.HMACSHA256.HashData(key, normalised);
        return new ParticipantId("p-" + Convert.ToHexStringLower(mac.AsSpan(0, 10)));
    }

    /// <inheritdoc/>
    public int CompareTo(ParticipantId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
