namespace Sesric.Analytics.Model;

/// <summary>What became of a registration.</summary>
public enum AttendanceStatus
{
    /// <summary>Registered; attendance not recorded.</summary>
    Registered = 0,

    /// <summary>Attended (the default for published participant counts).</summary>
    Attended = 1,

    /// <summary>Attended and completed the course (certificate).</summary>
    Completed = 2,

    /// <summary>Registered but did not attend: not counted as a participant.</summary>
    NoShow = 3,
}

/// <summary>Text forms of <see cref="AttendanceStatus"/>.</summary>
public static class AttendanceStatusText
{
    /// <summary>The snake-case code: <c>registered</c>, <c>attended</c>, <c>completed</c>, <c>no_show</c>.</summary>
    public static string Code(this AttendanceStatus status) => status switch
    {
        AttendanceStatus.Attended => "attended",
        AttendanceStatus.Completed => "completed",
        AttendanceStatus.NoShow => "no_show",
        _ => "registered",
    };

    /// <summary>Parses a code; blank means <see cref="AttendanceStatus.Attended"/>.</summary>
    public static bool TryParse(string? text, out AttendanceStatus status)
    {
        status = (text ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "attended" => AttendanceStatus.Attended,
            "registered" => AttendanceStatus.Registered,
            "completed" => AttendanceStatus.Completed,
            "no_show" or "no-show" or "noshow" => AttendanceStatus.NoShow,
            _ => (AttendanceStatus)(-1),
        };
        return Enum.IsDefined(status);
    }

    /// <summary>Whether the status counts as having participated (attended or completed).</summary>
    public static bool CountsAsParticipation(this AttendanceStatus status) =>
        status is AttendanceStatus.Attended or AttendanceStatus.Completed;
}
