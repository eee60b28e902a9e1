namespace Sesric.Analytics.Model;

/// <summary>One participant's registration for one edition: the fact the statistics count.</summary>
/// <remarks>Natural key: (<see cref="Participant"/>, <see cref="Edition"/>). Built through
/// <see cref="Catalogue.CreateParticipation"/>, which refuses an edition the catalogue does not know.</remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record Participation
{
    internal Participation(Participant participant, Edition edition, AttendanceStatus status, bool isSynthetic)
    {
        Participant = participant;
        Edition = edition.Id;
        Status = status;
        IsSynthetic = isSynthetic;
    }

    /// <summary>Who.</summary>
    public Participant Participant { get; }

    /// <summary>Which edition.</summary>
    public EditionId Edition { get; }

    /// <summary>Whether they attended.</summary>
    public AttendanceStatus Status { get; }

    /// <summary>True for records the project generated.</summary>
    public bool IsSynthetic { get; }
}
