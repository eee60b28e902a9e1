using System.Globalization;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Reporting;

/// <summary>
/// An annual report was asked for a year in which the programme held no edition. The message names the years
/// that have one, so the caller can pick a real year instead of getting a report of empty charts.
/// </summary>
public sealed class NoEditionInYearException : ArgumentException
{
    /// <summary>Builds the error for <paramref name="programme"/>, <paramref name="year"/> and the years that have editions.</summary>
    public NoEditionInYearException(ProgrammeId programme, int year, IReadOnlyList<int> years)
        : base(years.Count == 0
            ? $"programme {programme} has no editions in the store, so there is no annual report for {year.ToString(CultureInfo.InvariantCulture)}."
            : $"programme {programme} held no edition in {year.ToString(CultureInfo.InvariantCulture)}; its editions are in "
                + $"{string.Join(", ", years.Select(y => y.ToString(CultureInfo.InvariantCulture)))}.")
    {
        Programme = programme;
        Year = year;
        Years = years;
    }

    /// <summary>The programme.</summary>
    public ProgrammeId Programme { get; }

    /// <summary>The year asked for.</summary>
    public int Year { get; }

    /// <summary>The years in which the programme held an edition, ascending.</summary>
    public IReadOnlyList<int> Years { get; }

    /// <summary>Throws unless <paramref name="catalogue"/> has an edition of <paramref name="programme"/> in <paramref name="year"/>.</summary>
    public static void ThrowIfNone(Catalogue catalogue, ProgrammeId programme, int year)
    {
        var years = catalogue.EditionsOf(programme).Select(e => e.Year).Distinct().Order().ToList();
        if (!years.Contains(year))
        {
            throw new NoEditionInYearException(programme, year, years);
        }
    }
}
