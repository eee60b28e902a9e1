using Sesric.Analytics.Model;

namespace Sesric.Analytics.Import;

/// <summary>
/// One participation's fields as an adapter read them from its input format, for <see cref="ParticipationValidator"/>.
/// </summary>
/// <remarks>
/// The participant id and the country stay text: every format carries them as text and their rules do not depend on
/// the format, so the validator parses them and words their problems once. The other fields are parsed by the
/// adapter, whose input decides their syntax (CSV <c>f</c>/<c>female</c>, a protobuf enum). A null field means the
/// adapter could not read it and has reported that itself: the validator checks the rest and builds no participation.
/// </remarks>
/// <param name="ParticipantId">The participant id text.</param>
/// <param name="Country">The member or observer state's ISO 3166 alpha-3 code, as text.</param>
/// <param name="Programme">The programme, or null when unreadable.</param>
/// <param name="EditionNumber">The edition's number within its programme, or null when unreadable.</param>
/// <param name="Gender">The gender, or null when unreadable.</param>
/// <param name="InstitutionType">The institution type code; null or blank when none.</param>
/// <param name="Attendance">The attendance status, or null when unreadable.</param>
/// <param name="IsSynthetic">Whether the project generated the record.</param>
/// <param name="RecordKey">The person's record key when the input carries a valid one.</param>
/// <param name="NominatedOn">The nomination day when the input carries a valid date.</param>
public readonly record struct ParticipationFields(
    string ParticipantId,
    string Country,
    ProgrammeId? Programme,
    int? EditionNumber,
    Gender? Gender,
    string? InstitutionType,
    AttendanceStatus? Attendance,
    bool IsSynthetic = false,
    int? RecordKey = null,
    DateOnly? NominatedOn = null);
