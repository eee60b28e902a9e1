namespace Sesric.Analytics.Model;

/// <summary>A person who took part in at least one edition, known only by a pseudonymous id.</summary>
/// <remarks>Built through <see cref="Catalogue.CreateParticipant"/>, which refuses a country the catalogue does not know.</remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record Participant
{
    internal Participant(ParticipantId id, Country country, Gender gender, string? institutionType, bool isSynthetic, int? recordKey = null)
    {
        if (recordKey is { } key && !Model.RecordKey.IsValid(key))
        {
            throw new ArgumentOutOfRangeException(nameof(recordKey), key, $"a record key lies in [0, {Model.RecordKey.Modulus}).");
        }
        RecordKey = recordKey;
        Id = id;
        Country = country.Code;
        CountryKind = country.Kind;
        Gender = gender;
        InstitutionType = string.IsNullOrWhiteSpace(institutionType) ? null : institutionType.Trim();
        IsSynthetic = isSynthetic;
    }

    /// <summary>The pseudonymous id.</summary>
    public ParticipantId Id { get; }

    /// <summary>The country the participant represents (a member or observer state).</summary>
    public CountryCode Country { get; }

    /// <summary>Whether <see cref="Country"/> is a member or an observer.</summary>
    public CountryKind CountryKind { get; }

    /// <summary>The recorded gender.</summary>
    public Gender Gender { get; }

    /// <summary>An optional institution category, such as <c>mfa</c> or <c>nso</c>.</summary>
    public string? InstitutionType { get; }

    /// <summary>True for records the project generated to match published totals.</summary>
    public bool IsSynthetic { get; }

    /// <summary>
    /// The person's record key (see <see cref="Model.RecordKey"/>), or null when the source gave none: the store
    /// then draws one when it first stores the person, and keeps the stored one ever after.
    /// </summary>
    public int? RecordKey { get; }
}
