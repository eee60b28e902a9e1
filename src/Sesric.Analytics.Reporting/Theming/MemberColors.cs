namespace Sesric.Analytics.Reporting.Theming;

/// <summary>
/// Gives each member (a member state, an OIC group, a programme) one colour for a whole report: the first
/// time a member is seen it takes the next palette colour, and keeps it in every later visual.
/// </summary>
/// <remarks>Unlike first-come colouring per visual, the same member never changes colour between visuals.
/// Report rendering registers members in reading order, so the assignment is deterministic. When there
/// are more members than colours, colours repeat in palette order.</remarks>
/// <threadsafety>Not thread-safe; one instance per report render.</threadsafety>
public sealed class MemberColors(Theme theme)
{
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);

    /// <summary>The theme whose palette is used.</summary>
    public Theme Theme { get; } = theme;

    /// <summary>The <c>#RRGGBB</c> colour of <paramref name="member"/>, assigning the next one on first sight.</summary>
    public string Of(string member)
    {
        if (!_slots.TryGetValue(member, out var slot))
        {
            slot = _slots.Count;
            _slots.Add(member, slot);
        }
        return Theme.Palette[slot % Theme.Palette.Count];
    }

    /// <summary>The members seen so far, in the order they were assigned.</summary>
    public IEnumerable<string> Members => _slots.OrderBy(kv => kv.Value).Select(kv => kv.Key);
}
