namespace Sesric.Analytics.Reporting.Rendering;

/// <summary>Splits a series into the runs a line is drawn through.</summary>
internal static class LineSegments
{
    /// <summary>
    /// Runs of known values at adjacent editions; a gap (unknown or suppressed value, or editions missing between two
    /// categories on a time axis) breaks the line instead of drawing through it.
    /// </summary>
    public static List<List<int>> Of(double?[] values, TimeAxis? time = null)
    {
        var segments = new List<List<int>>();
        List<int>? current = null;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is null)
            {
                current = null;
                continue;
            }
            if (current is null || (time is not null && !time.Adjacent(current[^1], i)))
            {
                current = [];
                segments.Add(current);
            }
            current.Add(i);
        }
        return segments;
    }
}
