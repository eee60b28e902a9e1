using Sesric.Analytics.Model;

namespace Sesric.Analytics.Dataset;

/// <summary>
/// The assumptions the synthetic registry makes about one built-in programme's participants: who is
/// eligible, from which kind of institution, the gender mix and how many return. These are the project's
/// plausible guesses, not published facts; every record built from them is marked synthetic.
/// </summary>
/// <param name="InstitutionType">The institution code participants come from (mfa, nso, moh).</param>
/// <param name="FemaleShare">Share of women among participants whose gender is recorded.</param>
/// <param name="UnknownGenderShare">Share of participants with gender not recorded.</param>
/// <param name="CompletedShare">Share of counted participants recorded as completed (the rest attended).</param>
/// <param name="ReturningShare">Chance that a place goes to someone from an earlier edition of the same programme.</param>
/// <param name="EligibleGroup">When set, only member states of this OIC group are drawn (IbnSina's Sub-Saharan courses).</param>
internal sealed record ProgrammeProfile(
    string InstitutionType, double FemaleShare, double UnknownGenderShare, double CompletedShare, double ReturningShare, OicGroup? EligibleGroup = null)
{
    /// <summary>The profile for a built-in programme (a neutral default for any other).</summary>
    public static ProgrammeProfile For(ProgrammeId programme) => programme.Value switch
    {
        "diplomacy-cab" => new("mfa", 0.42, 0.02, 0.9, 0.06),
        "oic-statcom" => new("nso", 0.3, 0.05, 0.0, 0.35),
        "oic-statcom-follow-up" => new("nso", 0.3, 0.05, 0.0, 0.3),
        "ibnsina-cab-mnch" => new("moh", 0.55, 0.02, 0.85, 0.1, OicGroup.African),
        _ => new("other", 0.4, 0.05, 0.5, 0.1),
    };

    /// <summary>Whether <paramref name="country"/> may be drawn for an edition on <paramref name="day"/>.</summary>
    public bool IsEligible(Country country, DateOnly day) =>
        country.IsMemberOn(day) && (EligibleGroup is null || country.Group == EligibleGroup);
}
