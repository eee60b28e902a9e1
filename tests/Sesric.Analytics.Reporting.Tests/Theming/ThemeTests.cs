using Sesric.Analytics.Reporting.Theming;

namespace Sesric.Analytics.Reporting.Tests.Theming;

public sealed class ThemeTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("colorblind")]
    [InlineData("high-contrast")]
    public void Built_in_themes_load(string name)
    {
        var theme = Theme.BuiltIn(name);
        Assert.Equal(name, theme.Name);
        Assert.Equal("DejaVu Sans", theme.FontFamily);
        Assert.True(theme.Palette.Count >= 6);
    }

    [Fact]
    public void A_built_in_theme_is_read_once_and_shared()
    {
        // A report asks for its theme for the warm-up, the charts and the HTML; the embedded JSON is parsed only once.
        Assert.Same(Theme.BuiltIn("default"), Theme.Default);
        Assert.Same(Theme.BuiltIn("colorblind"), Theme.BuiltIn("colorblind"));
        Assert.NotSame(Theme.BuiltIn("default"), Theme.BuiltIn("colorblind"));
    }

    [Fact]
    public void A_theme_file_reads_every_field_and_a_missing_one_names_it()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Sesric.Analytics.Reporting", "Themes", "default.json"));
        var theme = Theme.FromJson("// a comment is allowed\n" + json.Replace("\"cardValue\": 44", "\"cardValue\": 40"));
        Assert.Equal(Theme.Default with { Sizes = Theme.Default.Sizes with { CardValue = 40 }, Palette = theme.Palette, Sequential = theme.Sequential, FallbackFonts = theme.FallbackFonts }, theme);
        Assert.Equal(Theme.Default.Palette, theme.Palette);
        Assert.Equal(Theme.Default.Sequential, theme.Sequential);
        Assert.Equal(1, theme.Formats.PercentDecimalPlaces);
        var e = Assert.Throws<FormatException>(() => Theme.FromJson(json.Replace("\"muted\": \"#52606D\",", "")));
        Assert.Contains("muted", e.Message);
    }

    [Fact]
    public void The_colorblind_theme_uses_the_okabe_ito_palette() =>
        Assert.Equal("#0072B2", Theme.BuiltIn("colorblind").Palette[0]);

    [Fact]
    public void A_bad_colour_names_the_field()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Sesric.Analytics.Reporting", "Themes", "default.json"))
            .Replace("\"grid\": \"#E4E7EB\"", "\"grid\": \"grey\"");
        var e = Assert.Throws<FormatException>(() => Theme.FromJson(json, "my-theme.json"));
        Assert.Contains("my-theme.json: grid 'grey' is not a colour", e.Message);
    }

    [Fact]
    public void An_unknown_field_is_refused()
    {
        var json = """{ "name": "x", "colour": "#000000" }""";
        Assert.Throws<FormatException>(() => Theme.FromJson(json));
    }

    [Fact]
    public void A_member_keeps_its_colour_whatever_order_later_visuals_list_members_in()
    {
        var colors = new MemberColors(Theme.Default);
        var first = new[] { "Arab Group", "Asian Group", "African Group" }.Select(colors.Of).ToList();
        var second = new[] { "African Group", "Arab Group" }.Select(colors.Of).ToList();
        Assert.Equal(first[2], second[0]);
        Assert.Equal(first[0], second[1]);
        Assert.Equal(3, first.Distinct().Count());
    }
}
