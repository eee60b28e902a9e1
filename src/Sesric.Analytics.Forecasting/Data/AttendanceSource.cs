namespace Sesric.Analytics.Forecasting.Data;

/// <summary>Where an edition's attendance figure came from.</summary>
public enum AttendanceSource
{
    /// <summary>Neither the registry nor a published source gives it: a gap, never filled in.</summary>
    None = 0,

    /// <summary>Counted in the participant registry.</summary>
    Registry = 1,

    /// <summary>Read in a published source (the registry has no rows for the edition).</summary>
    Published = 2,
}
