namespace Sesric.Analytics.Import;

/// <summary>
/// A field of one participation, named by what it is rather than by any input format: each adapter names it its
/// own way (a CSV column such as <c>country_iso3</c>, a gRPC path such as <c>rows[3].member_state</c>).
/// </summary>
/// <remarks>Declared in the order a row's problems are listed (the CSV column order).</remarks>
public enum ParticipationField
{
    /// <summary>The programme the edition belongs to.</summary>
    Programme,

    /// <summary>The edition within its programme.</summary>
    Edition,

    /// <summary>The pseudonymous participant id.</summary>
    ParticipantId,

    /// <summary>The member or observer state the participant represents.</summary>
    Country,

    /// <summary>The recorded gender.</summary>
    Gender,

    /// <summary>The optional institution type code.</summary>
    InstitutionType,

    /// <summary>The attendance status.</summary>
    Attendance,

    /// <summary>Whether the project generated the record.</summary>
    Synthetic,

    /// <summary>The person's disclosure record key.</summary>
    RecordKey,

    /// <summary>The day the member state nominated the participant.</summary>
    NominatedOn,
}
