using Sesric.Analytics.Model;

namespace Sesric.Analytics.Dataset;

/// <summary>
/// The known chance that a nominee of a generated registry attends: a logistic function of the nominee's features,
/// which <see cref="ScaleGenerator"/> draws each outcome from, so tests can check that a model recovers it.
/// </summary>
/// <remarks>
/// The coefficients are invented, chosen so that every feature matters and editions differ: virtual editions and
/// short lead times lose nominees, returning participants and long lead times keep them. Over a default generated
/// registry the show-up rate is about 0.8.
/// </remarks>
public static class ShowUpProcess
{
    /// <summary>The probability (0–1) that a nominee with these features attends.</summary>
    /// <param name="group">The nominee's member state's OIC group (observers: <see cref="OicGroup.Unknown"/>).</param>
    /// <param name="gender">The nominee's gender.</param>
    /// <param name="leadDays">Days from nomination to the edition's first day (at least 0).</param>
    /// <param name="modality">How the edition is delivered.</param>
    /// <param name="returning">Whether the nominee attended an earlier edition of the programme.</param>
    /// <param name="durationDays">The edition's length in days.</param>
    public static double Probability(OicGroup group, Gender gender, int leadDays, Modality modality, bool returning, int durationDays)
    {
        var logit = 1.2
            + group switch { OicGroup.Arab => 0.3, OicGroup.Asian => 0.0, OicGroup.African => -0.4, _ => -0.6 }
            + gender switch { Gender.Female => 0.25, Gender.Male => 0.0, _ => -0.4 }
            + (0.7 * Math.Log(Math.Max(1, leadDays) / 30.0))
            + modality switch { Modality.Virtual => -1.1, Modality.Hybrid => -0.5, _ => 0.0 }
            + (returning ? 0.9 : 0.0)
            - (0.08 * Math.Max(0, durationDays - 3));
        return 1 / (1 + Math.Exp(-logit));
    }
}
