namespace Sesric.Analytics.Model;

/// <summary>A country's standing in the OIC.</summary>
public enum CountryKind
{
    /// <summary>One of the 57 member states.</summary>
    Member = 1,

    /// <summary>An observer state: its participants are kept and counted as observers, never as represented member states.</summary>
    Observer = 2,
}
