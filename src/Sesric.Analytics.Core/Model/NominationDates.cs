using System.Globalization;

namespace Sesric.Analytics.Model;

/// <summary>The rule a nomination date follows: a member state nominates someone before the edition is over.</summary>
/// <remarks>
/// The latest day is the edition's last day where its dates are known (late nominations to a running virtual course
/// happen), else 31 December of its year. The earliest is 1 January 1969 (the registry's first possible year). A date
/// outside that range is a typing error, not a fact, and is refused rather than clamped.
/// </remarks>
public static class NominationDates
{
    /// <summary>The earliest nomination date accepted.</summary>
    public static readonly DateOnly Earliest = new(1969, 1, 1);

    /// <summary>The latest nomination date accepted for <paramref name="edition"/>.</summary>
    public static DateOnly LatestFor(Edition edition)
    {
        ArgumentNullException.ThrowIfNull(edition);
        return edition.Dates?.End ?? new DateOnly(edition.Year, 12, 31);
    }

    /// <summary>Null when <paramref name="day"/> is a possible nomination date for <paramref name="edition"/>, else why not.</summary>
    public static string? Check(Edition edition, DateOnly day)
    {
        var latest = LatestFor(edition);
        if (day > latest)
        {
            var basis = edition.Dates is null ? $"the end of its year {edition.Year} (its dates are unknown)" : $"its last day {latest:yyyy-MM-dd}";
            return string.Create(CultureInfo.InvariantCulture, $"after the edition {edition.Id}: a nomination comes no later than {basis}");
        }
        return day < Earliest ? "before 1969-01-01: not a possible nomination date" : null;
    }
}
