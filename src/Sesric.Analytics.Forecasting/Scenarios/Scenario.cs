using System.Globalization;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Scenarios;

/// <summary>
/// What a planner changes about the next edition. A field left null keeps what the forecaster assumes (the
/// programme's last known value; see <see cref="EditionAssumptions"/>).
/// </summary>
/// <remarks>
/// Each field is checked when set and a bad value throws an <see cref="ArgumentException"/> whose
/// <see cref="ArgumentException.ParamName"/> is the field's text name (<c>modality</c>, <c>duration</c>,
/// <c>partners</c>, <c>eligible_states</c>, <c>year</c>), the same names <see cref="Parse"/> reads.
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record Scenario
{
    /// <summary>The field names <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = ["modality", "duration", "partners", "eligible_states", "year"];

    /// <summary>No change: the forecaster's own assumptions.</summary>
    public static Scenario AsAssumed { get; } = new();

    /// <summary>In person, virtual or hybrid (unknown is refused: a plan has a modality).</summary>
    public Modality? Modality
    {
        get;
        init => field = value is null or Model.Modality.InPerson or Model.Modality.Virtual or Model.Modality.Hybrid
            ? value
            : throw new ArgumentOutOfRangeException("modality", value, $"modality must be in_person, virtual or hybrid, was '{value}'.");
    }

    /// <summary>The duration in days (1–366).</summary>
    public int? DurationDays
    {
        get;
        init => field = value is null or (>= 1 and <= 366)
            ? value
            : throw new ArgumentOutOfRangeException("duration", value, $"duration must be between 1 and 366 days, was {value}.");
    }

    /// <summary>The number of partner institutions (0–100).</summary>
    public int? Partners
    {
        get;
        init => field = value is null or (>= 0 and <= 100)
            ? value
            : throw new ArgumentOutOfRangeException("partners", value, $"partners must be between 0 and 100, was {value}.");
    }

    /// <summary>The member states eligible to attend (1–57 today; checked 1–200).</summary>
    public int? EligibleStates
    {
        get;
        init => field = value is null or (>= 1 and <= 200)
            ? value
            : throw new ArgumentOutOfRangeException("eligible_states", value, $"eligible_states must be between 1 and 200, was {value}.");
    }

    /// <summary>The year of the edition (must come after the programme's last edition; checked when forecasting).</summary>
    public int? Year
    {
        get;
        init => field = value is null or (>= 1969 and <= 2100)
            ? value
            : throw new ArgumentOutOfRangeException("year", value, $"year must be between 1969 and 2100, was {value}.");
    }

    /// <summary>
    /// Parses <c>field=value</c> pairs separated by commas, such as <c>modality=in_person,duration=5</c>. Blank text is
    /// <see cref="AsAssumed"/>. Modality accepts <c>in_person</c>, <c>in-person</c>, <c>virtual</c>, <c>online</c>, <c>hybrid</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A field is unknown, repeated, or has a bad value; <see cref="ArgumentException.ParamName"/> names it.</exception>
    public static Scenario Parse(string? text)
    {
        var scenario = AsAssumed;
        var seen = new HashSet<string>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            var name = (equals < 0 ? part : part[..equals]).Trim().ToLowerInvariant().Replace('-', '_');
            var value = equals < 0 ? "" : part[(equals + 1)..].Trim();
            if (!FieldNames.Contains(name))
            {
                throw new ArgumentException($"scenario field '{name}' is unknown; known fields: {string.Join(", ", FieldNames)}.", name);
            }
            if (!seen.Add(name))
            {
                throw new ArgumentException($"scenario field '{name}' is given twice.", name);
            }
            scenario = name switch
            {
                "modality" => scenario with { Modality = ParseModality(value) },
                "duration" => scenario with { DurationDays = ParseInt(name, value) },
                "partners" => scenario with { Partners = ParseInt(name, value) },
                "eligible_states" => scenario with { EligibleStates = ParseInt(name, value) },
                _ => scenario with { Year = ParseInt(name, value) },
            };
        }
        return scenario;
    }

    /// <summary>The scenario as <c>field=value</c> pairs (the form <see cref="Parse"/> reads); empty for <see cref="AsAssumed"/>.</summary>
    public override string ToString() => string.Join(",", new[]
    {
        Modality is { } m ? $"modality={m.Code()}" : null,
        DurationDays is { } d ? $"duration={d.ToString(CultureInfo.InvariantCulture)}" : null,
        Partners is { } p ? $"partners={p.ToString(CultureInfo.InvariantCulture)}" : null,
        EligibleStates is { } e ? $"eligible_states={e.ToString(CultureInfo.InvariantCulture)}" : null,
        Year is { } y ? $"year={y.ToString(CultureInfo.InvariantCulture)}" : null,
    }.Where(s => s is not null));

    private static Modality ParseModality(string value) =>
        ModalityText.TryParse(value, out var modality) && modality != Model.Modality.Unknown
            ? modality
            : throw new ArgumentException($"modality '{value}' is unknown; use in_person, virtual or hybrid.", "modality");

    private static int ParseInt(string name, string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"{name} must be a whole number, was '{value}'.", name);
}
