using System.Globalization;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

using Sesric.Analytics.Reporting.Text;

namespace Sesric.Analytics.Reporting.Rendering;

/// <summary>
/// Finishes the SVG that ScottPlot/Skia wrote: adds <c>role="img"</c>, a <c>viewBox</c>, <c>&lt;title&gt;</c> and
/// <c>&lt;desc&gt;</c> alt text, and a transparent text layer repeating every label (text itself is drawn as
/// outlines, so it looks the same everywhere; the layer keeps it searchable and selectable).
/// </summary>
internal static partial class SvgDocument
{
    public static string Finish(string svg, int width, int height, string title, string description, IReadOnlyList<DrawnLabel> labels, string fontFamily, string idPrefix)
    {
        svg = RenumberClipPaths(svg, idPrefix);
        var open = svg.IndexOf("<svg", StringComparison.Ordinal);
        var openEnd = svg.IndexOf('>', open);
        var close = svg.LastIndexOf("</svg>", StringComparison.Ordinal);
        var sb = new StringBuilder(svg.Length + 4096);
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"");
        sb.Append(CultureInfo.InvariantCulture, $" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{idPrefix}-title {idPrefix}-desc\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{idPrefix}-title\">").Append(SecurityElement.Escape(title)).Append("</title>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<desc id=\"{idPrefix}-desc\">").Append(SecurityElement.Escape(description)).Append("</desc>\n");
        sb.Append(svg, openEnd + 1, close - openEnd - 1);
        sb.Append(CultureInfo.InvariantCulture, $"<g class=\"text-layer\" fill-opacity=\"0\" font-family=\"{SecurityElement.Escape(fontFamily)}\" aria-hidden=\"true\">\n");
        foreach (var label in labels)
        {
            var rotate = label.Rotation == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" transform=\"rotate({label.Rotation:0.##} {label.X:0.##} {label.Baseline:0.##})\"");
            var direction = label.Rtl ? " direction=\"rtl\" unicode-bidi=\"plaintext\"" : "";
            var anchorX = label.Rtl ? label.X + label.Width : label.X;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{anchorX:0.##}\" y=\"{label.Baseline:0.##}\" font-size=\"{label.Size:0.##}\" textLength=\"{label.Width:0.##}\"{direction}{rotate}>");
            sb.Append(SecurityElement.Escape(label.Text)).Append("</text>\n");
        }
        sb.Append("</g>\n</svg>\n");
        return sb.ToString();
    }

    /// <summary>Skia numbers clip paths with a process-wide counter; renumbering from 1 makes every render of the same chart identical.</summary>
    private static string RenumberClipPaths(string svg, string idPrefix)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m =>
        {
            if (!map.TryGetValue(m.Value, out var id))
            {
                id = idPrefix + "-clip" + (map.Count + 1).ToString(CultureInfo.InvariantCulture);
                map.Add(m.Value, id);
            }
            return id;
        });
    }

    [GeneratedRegex(@"\bcl_[0-9a-fA-F]+\b")]
    private static partial Regex ClipId();
}
