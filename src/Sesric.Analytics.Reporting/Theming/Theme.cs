using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sesric.Analytics.Reporting.Theming;

/// <summary>
/// How visuals look: font, colours, palette, text sizes and number formats. Themes are JSON files
/// (<c>Themes/*.json</c> in this library show the shape); three are built in: <c>default</c>,
/// <c>colorblind</c> (Okabe–Ito palette) and <c>high-contrast</c>.
/// </summary>
/// <remarks>Colours are <c>#RRGGBB</c>. The font is pinned by family name and never substituted: a missing
/// family or a script it cannot draw fails the render with a message naming the fix.</remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed partial record Theme
{
    /// <summary>The names of the built-in themes.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["default", "colorblind", "high-contrast"];

    /// <summary>
    /// Built-in themes as read once per process: a report reads its theme for the charts, the HTML and the warm-up, and
    /// each read used to parse the embedded JSON again. Safe to share: a theme is immutable.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Lazy<Theme>> BuiltInCache = new(StringComparer.Ordinal);

    /// <summary>The theme's name.</summary>
    public required string Name { get; init; }

    /// <summary>The font family every text is drawn in (pinned; <c>DejaVu Sans</c> has Latin and Arabic).</summary>
    public required string FontFamily { get; init; }

    /// <summary>Families tried, in order, for characters the main font lacks.</summary>
    public IReadOnlyList<string> FallbackFonts { get; init; } = [];

    /// <summary>The figure background.</summary>
    public required string Background { get; init; }

    /// <summary>Titles, labels and values.</summary>
    public required string Foreground { get; init; }

    /// <summary>Subtitles, captions and source lines.</summary>
    public required string Muted { get; init; }

    /// <summary>Grid lines.</summary>
    public required string Grid { get; init; }

    /// <summary>Member colours, handed out in order (see <see cref="MemberColors"/>).</summary>
    public required IReadOnlyList<string> Palette { get; init; }

    /// <summary>The low and high ends of the heatmap ramp.</summary>
    public required IReadOnlyList<string> Sequential { get; init; }

    /// <summary>The forecast band's colour.</summary>
    public required string Forecast { get; init; }

    /// <summary>Text sizes in pixels.</summary>
    public required ThemeSizes Sizes { get; init; }

    /// <summary>Number formats.</summary>
    public required ThemeFormats Formats { get; init; }

    /// <summary>A built-in theme by name, or throws naming the names there are.</summary>
    public static Theme BuiltIn(string name)
    {
        if (!BuiltInNames.Contains(name))
        {
            throw new ArgumentException($"'{name}' is not a built-in theme; use one of: {string.Join(", ", BuiltInNames)}.", nameof(name));
        }
        return BuiltInCache.GetOrAdd(name, n => new Lazy<Theme>(() => ReadBuiltIn(n))).Value;
    }

    private static Theme ReadBuiltIn(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Sesric.Analytics.Reporting.Themes.{name}.json")!;
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd(), $"built-in theme {name}");
    }

    /// <summary>The default theme.</summary>
    public static Theme Default => BuiltIn("default");

    /// <summary>Reads a theme from JSON, checking every colour and size; errors name the field.</summary>
    public static Theme FromJson(string json, string origin = "theme")
    {
        Theme? theme;
        try
        {
            theme = JsonSerializer.Deserialize(json, ThemeJsonContext.Default.Theme);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{origin}: {e.Message} (path {e.Path}).", e);
        }
        if (theme is null)
        {
            throw new FormatException($"{origin}: the JSON is null; expected a theme object.");
        }
        theme.Check(origin);
        return theme;
    }

    /// <summary>Reads a theme file.</summary>
    public static Theme Load(string path) => FromJson(File.ReadAllText(path), path);

    private void Check(string origin)
    {
        void Colour(string field, string value)
        {
            if (!HexColour().IsMatch(value))
            {
                throw new FormatException($"{origin}: {field} '{value}' is not a colour; write #RRGGBB.");
            }
        }
        Colour("background", Background);
        Colour("foreground", Foreground);
        Colour("muted", Muted);
        Colour("grid", Grid);
        Colour("forecast", Forecast);
        if (Palette.Count < 2)
        {
            throw new FormatException($"{origin}: palette needs at least 2 colours, has {Palette.Count}.");
        }
        for (var i = 0; i < Palette.Count; i++)
        {
            Colour($"palette[{i}]", Palette[i]);
        }
        if (Sequential.Count != 2)
        {
            throw new FormatException($"{origin}: sequential needs exactly 2 colours (low, high), has {Sequential.Count}.");
        }
        Colour("sequential[0]", Sequential[0]);
        Colour("sequential[1]", Sequential[1]);
        Sizes.Check(origin);
        if (Formats.DecimalPlaces is < 0 or > 4 || Formats.PercentDecimalPlaces is < 0 or > 4)
        {
            throw new FormatException($"{origin}: formats decimal places must be between 0 and 4.");
        }
        if (string.IsNullOrWhiteSpace(FontFamily))
        {
            throw new FormatException($"{origin}: fontFamily is required (DejaVu Sans is on every Debian machine).");
        }
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColour();
}

/// <summary>Text sizes of a theme, in pixels.</summary>
/// <param name="Title">Visual titles.</param>
/// <param name="Subtitle">Subtitles and captions.</param>
/// <param name="Label">Axis titles, legends, category labels.</param>
/// <param name="Tick">Tick labels and data labels.</param>
/// <param name="Source">The source/provenance line.</param>
/// <param name="CardValue">A card's big number.</param>
public sealed record ThemeSizes(float Title, float Subtitle, float Label, float Tick, float Source, float CardValue)
{
    internal void Check(string origin)
    {
        foreach (var (name, value) in new[] { ("title", Title), ("subtitle", Subtitle), ("label", Label), ("tick", Tick), ("source", Source), ("cardValue", CardValue) })
        {
            if (value is < 6 or > 120)
            {
                throw new FormatException($"{origin}: sizes.{name} must be between 6 and 120 pixels, was {value}.");
            }
        }
    }
}

/// <summary>Number formats of a theme.</summary>
/// <param name="DecimalPlaces">Decimals of non-integer numbers.</param>
/// <param name="PercentDecimalPlaces">Decimals of percentages.</param>
public sealed record ThemeFormats(int DecimalPlaces, int PercentDecimalPlaces);
