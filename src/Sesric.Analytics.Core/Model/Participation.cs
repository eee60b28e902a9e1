namespace Sesric.Analytics.Model;

/// <summary>One participant's registration for one edition: the fact the statistics count.</summary>
/// <remarks>Natural key: (<see cref="Participant"/>, <see cref="Edition"/>). Built through
/// <see cref="Catalogue.CreateParticipation"/>, which refuses an edition the catalogue does not know.</remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record Participation
{
    internal Participation(Participant participant, Edition edition, AttendanceStatus status, bool isSynthetic, DateOnly? nominatedOn = null)
    {
        Participant = participant;
        Edition = edition.Id;
        Status = status;
        IsSynthetic = isSynthetic;
        NominatedOn = nominatedOn;
    }

    /// <summary>Who.</summary>
    public Participant Participant { get; }

    /// <summary>Which edition.</summary>
    public EditionId Edition { get; }

    /// <summary>Whether they attended.</summary>
    public AttendanceStatus Status { get; }

    /// <summary>True for records the project generated.</summary>
    public bool IsSynthetic { get; }

    /// <summary>
    /// The day the member state nominated this participant, where recorded (the file's optional <c>nominated_on</c>).
    /// Never after the edition's last day (see <see cref="NominationDates.LatestFor"/>); the nomination forecast learns
    /// show-up from these dates and their outcomes.
    /// </summary>
    public DateOnly? NominatedOn { get; }
}
