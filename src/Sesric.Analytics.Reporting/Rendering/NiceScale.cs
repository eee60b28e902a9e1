namespace Sesric.Analytics.Reporting.Rendering;

/// <summary>Round tick values ("nice numbers": 1, 2, 2.5, 5 × 10^k) covering a data range.</summary>
internal static class NiceScale
{
    public static double[] Ticks(double min, double max, int target = 5)
    {
        if (max <= min)
        {
            max = min + 1;
        }
        var raw = (max - min) / Math.Max(1, target);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        var start = Math.Floor(min / step) * step;
        var end = Math.Ceiling(max / step) * step;
        var ticks = new List<double>();
        for (var v = start; v <= end + step / 1e6; v += step)
        {
            ticks.Add(Math.Round(v, 10));
        }
        return [.. ticks];
    }
}
