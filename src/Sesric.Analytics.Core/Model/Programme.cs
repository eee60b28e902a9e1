namespace Sesric.Analytics.Model;

/// <summary>A SESRIC capacity-building programme or recurring meeting, such as Diplomacy-CaB.</summary>
/// <param name="Id">The stable slug.</param>
/// <param name="Name">The name in English, Arabic and French.</param>
/// <param name="StartYear">The year the programme says it started, where a source gives one.</param>
/// <param name="SourceUrl">Where the programme's facts were read.</param>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record Programme(ProgrammeId Id, LocalizedText Name, int? StartYear, string? SourceUrl = null)
{
    /// <summary>A short display name (the part in parentheses of the English name, else the English name).</summary>
    public string ShortName
    {
        get
        {
            var open = Name.English.IndexOf('(');
            var close = open < 0 ? -1 : Name.English.IndexOf(')', open);
            return close > open + 1 ? Name.English[(open + 1)..close] : Name.English;
        }
    }
}
