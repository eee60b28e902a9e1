using SkiaSharp;

namespace Sesric.Analytics.Reporting.Rendering;

/// <summary>Conversions from a theme's <c>#RRGGBB</c> colours.</summary>
internal static class Colors
{
    public static SKColor Sk(string hex, byte alpha = 255) => SKColor.Parse(hex).WithAlpha(alpha);

    public static ScottPlot.Color Sp(string hex, double alpha = 1) => ScottPlot.Color.FromHex(hex).WithAlpha(alpha);

    /// <summary>Mixes <paramref name="low"/> and <paramref name="high"/> at <paramref name="t"/> in [0, 1].</summary>
    public static string Mix(string low, string high, double t)
    {
        var a = SKColor.Parse(low);
        var b = SKColor.Parse(high);
        t = Math.Clamp(t, 0, 1);
        byte M(byte x, byte y) => (byte)Math.Round(x + ((y - x) * t));
        return $"#{M(a.Red, b.Red):X2}{M(a.Green, b.Green):X2}{M(a.Blue, b.Blue):X2}";
    }

    /// <summary>Black or white, whichever reads better on <paramref name="hex"/>.</summary>
    public static SKColor TextOn(string hex)
    {
        var c = SKColor.Parse(hex);
        var luminance = (0.2126 * c.Red) + (0.7152 * c.Green) + (0.0722 * c.Blue);
        return luminance > 140 ? SKColors.Black : SKColors.White;
    }
}
