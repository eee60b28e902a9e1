namespace Sesric.Analytics.Model;

/// <summary>
/// An ISO 3166-1 alpha-3 country code such as <c>TUR</c>.
/// </summary>
/// <remarks>
/// Invariant: exactly three ASCII upper-case letters. Parsing accepts lower case and surrounding
/// whitespace and normalises them. Whether the code names a known OIC member or observer is a
/// question for the <see cref="Catalogue"/>, not for this type. The project uses the ISO
/// user-assigned range (<c>X..</c>) for the one observer without an ISO code.
/// <para>The default value is invalid and never produced by the public API; it prints as <c>???</c>.</para>
/// </remarks>
/// <threadsafety>Immutable value type; safe to share.</threadsafety>
public readonly record struct CountryCode : IComparable<CountryCode>
{
    private readonly string? _value;

    private CountryCode(string value) => _value = value;

    /// <summary>The three upper-case letters.</summary>
    public string Value => _value ?? "???";

    /// <summary>Parses a code, throwing <see cref="FormatException"/> naming the bad text.</summary>
    public static CountryCode Parse(string text) =>
        TryParse(text, out var code)
            ? code
            : throw new FormatException($"'{text}' is not an ISO 3166 alpha-3 code (three letters, such as TUR).");

    /// <summary>Parses a code without throwing.</summary>
    public static bool TryParse(string? text, out CountryCode code)
    {
        code = default;
        if (text is null)
        {
            return false;
        }
        var trimmed = text.Trim();
        if (trimmed.Length != 3)
        {
            return false;
        }
        Span<char> upper = stackalloc char[3];
        for (var i = 0; i < 3; i++)
        {
            var c = trimmed[i];
            if (c is >= 'a' and <= 'z')
            {
                c = (char)(c - 32);
            }
            if (c is < 'A' or > 'Z')
            {
                return false;
            }
            upper[i] = c;
        }
        code = new CountryCode(new string(upper));
        return true;
    }

    /// <inheritdoc/>
    public int CompareTo(CountryCode other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
