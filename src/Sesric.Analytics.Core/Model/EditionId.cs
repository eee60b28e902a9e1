namespace Sesric.Analytics.Model;

/// <summary>
/// Identifies one edition of a programme: the programme and the edition's number within it.
/// </summary>
/// <remarks>
/// Text form <c>diplomacy-cab/4</c>, used in CSV files; the gRPC resource name is
/// <c>programmes/diplomacy-cab/editions/4</c>. Edition numbers start at 1.
/// </remarks>
/// <threadsafety>Immutable value type; safe to share.</threadsafety>
public readonly record struct EditionId(ProgrammeId Programme, int Number) : IComparable<EditionId>
{
    /// <summary>Builds an id, checking that the number is at least 1.</summary>
    public static EditionId Of(ProgrammeId programme, int number)
    {
        Preconditions.CheckRange(number, 1, 10_000);
        return new EditionId(programme, number);
    }

    /// <summary>Parses <c>programme/number</c>.</summary>
    public static EditionId Parse(string text)
    {
        var slash = text.LastIndexOf('/');
        if (slash <= 0 || !ProgrammeId.TryParse(text[..slash], out var programme)
            || !int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            || number < 1)
        {
            throw new FormatException($"'{text}' is not an edition id (programme/number, such as diplomacy-cab/4).");
        }
        return new EditionId(programme, number);
    }

    /// <inheritdoc/>
    public int CompareTo(EditionId other)
    {
        var byProgramme = Programme.CompareTo(other.Programme);
        return byProgramme != 0 ? byProgramme : Number.CompareTo(other.Number);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Programme}/{Number}";
}
