using System.Net;
using System.Text.RegularExpressions;

namespace Sesric.Analytics.Reporting.Tests.Support;

/// <summary>Reads back what a chart drew: the texts of an SVG's text layer, in drawing order.</summary>
internal static partial class SvgText
{
    public static IReadOnlyList<string> Texts(string svg)
    {
        var layer = svg.IndexOf("<g class=\"text-layer\"", StringComparison.Ordinal);
        Assert.True(layer >= 0, "the SVG has a text layer");
        return [.. TextElement().Matches(svg[layer..]).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];
    }

    [GeneratedRegex("<text[^>]*>([^<]*)</text>")]
    private static partial Regex TextElement();
}
