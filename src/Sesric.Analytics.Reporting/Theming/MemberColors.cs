namespace Sesric.Analytics.Reporting.Theming;

/// <summary>
/// Gives each member (a member state, an OIC group, a programme) one colour in every chart and every report: the colour
/// is derived from the member's stable key, never from the order in which members happen to appear.
/// </summary>
/// <remarks>
/// The members of the small dimensions that share a chart (OIC groups, genders, modalities) have fixed, distinct
/// palette slots, so they never collide in a donut or a stack. Any other member takes the slot of a stable hash (FNV-1a)
/// of its key, so African Group or Türkiye keeps its colour whether a report covers 2020 or 2022. When there are more
/// members than colours, hashed members can share a colour.
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class MemberColors(Theme theme)
{
    private static readonly Dictionary<string, int> FixedSlots = new(StringComparer.Ordinal)
    {
        ["Arab Group"] = 0,
        ["African Group"] = 1,
        ["Asian Group"] = 2,
        ["Unknown"] = 7,
        ["female"] = 1,
        ["male"] = 0,
        ["unknown"] = 7,
        ["in_person"] = 0,
        ["in-person"] = 0,
        ["virtual"] = 1,
        ["hybrid"] = 2,
    };

    /// <summary>The theme whose palette is used.</summary>
    public Theme Theme { get; } = theme;

    /// <summary>The <c>#RRGGBB</c> colour of <paramref name="member"/>, the same in every chart and report.</summary>
    public string Of(string member) => Theme.Palette[Slot(member) % Theme.Palette.Count];

    private static int Slot(string member)
    {
        if (FixedSlots.TryGetValue(member, out var slot))
        {
            return slot;
        }
        var hash = 2166136261u;
        foreach (var c in member)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % 1_000_003u);
    }
}
