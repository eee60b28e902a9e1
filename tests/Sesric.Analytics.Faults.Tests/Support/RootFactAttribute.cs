namespace Sesric.Analytics.Faults.Tests.Support;

/// <summary>A fact that needs root (to mount a tmpfs); skipped with that reason otherwise, so a skip is never silent.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when the tests do not run as root.</summary>
    public RootFactAttribute()
    {
        if (!Tmpfs.CanMount)
        {
            Skip = "needs root to mount a small tmpfs (CI runs as root); run the fault suite as root to cover a real full disk.";
        }
    }
}
