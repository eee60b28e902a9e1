using HarfBuzzSharp;

using Sesric.Analytics.Reporting.Tests.Rendering;
using Sesric.Analytics.Reporting.Text;
using Sesric.Analytics.Reporting.Theming;

using SkiaSharp;

using Language = Sesric.Analytics.Model.Language;

namespace Sesric.Analytics.Reporting.Tests.Text;

public sealed class ArabicShapingTests
{
    private const string ArabicTitle = "المشاركون حسب مجموعة منظمة التعاون الإسلامي";

    /// <summary>Shapes with HarfBuzz directly, as any HarfBuzz user would, independent of the library's shaper.</summary>
    private static ushort[] HarfBuzzGlyphs(string text, bool bold)
    {
        using var typeface = SKTypeface.FromFamilyName("DejaVu Sans", bold ? SKFontStyle.Bold : SKFontStyle.Normal);
        Assert.Equal("DejaVu Sans", typeface.FamilyName);
        using var stream = typeface.OpenStream(out var index);
        var bytes = new byte[stream.Length];
        stream.Read(bytes, bytes.Length);
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(bytes, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            using var blob = new Blob(handle.AddrOfPinnedObject(), bytes.Length, MemoryMode.ReadOnly);
            using var face = new Face(blob, index);
            using var font = new Font(face);
            using var buffer = new HarfBuzzSharp.Buffer();
            buffer.AddUtf16(text);
            buffer.GuessSegmentProperties();
            Assert.Equal(Direction.RightToLeft, buffer.Direction);
            font.Shape(buffer);
            return [.. buffer.GlyphInfos.Select(g => (ushort)g.Codepoint)];
        }
        finally
        {
            handle.Free();
        }
    }

    [Fact]
    public void The_glyphs_drawn_for_an_arabic_title_are_the_ones_harfbuzz_shapes()
    {
        var visual = new Visual("groups", MarkKind.Column, "participants", "year", "oic_group", Title: new("Participants by OIC group", ArabicTitle));
        var chart = ReportRenderer.Render(visual, SampleTables.ByGroupAndYear(arabicNames: true), Theme.Default, Language.Arabic, null, ChartFormat.Png);
        var drawn = Assert.Single(chart.Labels, l => l.Text == ArabicTitle);
        Assert.Equal(HarfBuzzGlyphs(ArabicTitle, bold: true), drawn.Glyphs);

        // Legend entries are drawn in the regular face.
        var legend = Assert.Single(chart.Labels, l => l.Text == "المجموعة العربية");
        Assert.Equal(HarfBuzzGlyphs("المجموعة العربية", bold: false), legend.Glyphs);
    }

    [Fact]
    public void Arabic_letters_are_joined_not_drawn_in_their_isolated_forms()
    {
        const string word = "المشاركون";
        using var typeface = SKTypeface.FromFamilyName("DejaVu Sans");
        var isolated = typeface.GetGlyphs(word);
        var shaped = new TextShaper(FontSet.For("DejaVu Sans", []), rtlParagraph: true).Shape(word, 16);
        var glyphs = shaped.Runs.Single().Glyphs;
        Assert.Equal(word.Length, glyphs.Length);
        Assert.True(glyphs.Zip(isolated.Reverse()).Count(p => p.First != p.Second) >= 6, "most letters should take joining forms");
    }

    [Fact]
    public void A_latin_name_and_year_inside_an_arabic_title_keep_their_order()
    {
        var shaper = new TextShaper(FontSet.For("DejaVu Sans", []), rtlParagraph: true);
        var line = shaper.Shape("تقرير Diplomacy-CaB 2020 السنوي", 16);
        Assert.Equal(["السنوي", "Diplomacy-CaB 2020", "تقرير"], line.Runs.Select(r => r.Text.Trim()));
        Assert.Equal([true, false, true], line.Runs.Select(r => r.Rtl));
    }

    [Fact]
    public void Digits_in_arabic_text_are_not_reversed()
    {
        var shaper = new TextShaper(FontSet.For("DejaVu Sans", []), rtlParagraph: true);
        var line = shaper.Shape("عام 2024", 16);
        Assert.Equal("2024", line.Runs[0].Text);
        using var typeface = SKTypeface.FromFamilyName("DejaVu Sans");
        Assert.Equal(typeface.GetGlyphs("2024"), line.Runs[0].Glyphs);
        Assert.True(line.Runs[1].Rtl);
    }

    [Fact]
    public void Centred_text_is_centred_on_its_shaped_width()
    {
        var visual = new Visual("card", MarkKind.Card, "participants", "year");
        var chart = ReportRenderer.Render(visual, SampleTables.PerEdition(), Theme.Default, Language.Arabic, null, ChartFormat.Png);
        var value = Assert.Single(chart.Labels, l => l.Text == "95");
        Assert.Equal(visual.Width / 2f, value.X + (value.Width / 2), 2);
        var change = Assert.Single(chart.Labels, l => l.Text.Contains("2021"));
        Assert.Equal(visual.Width / 2f, change.X + (change.Width / 2), 2);
    }

    [Fact]
    public void A_script_no_font_covers_fails_naming_the_script_and_the_fix()
    {
        var serif = Theme.Default with { FontFamily = "DejaVu Serif" };
        var visual = new Visual("groups", MarkKind.Column, "participants", "year", Title: new("Participants", ArabicTitle));
        var e = Assert.Throws<MissingFontException>(() => ReportRenderer.RenderPng(visual, SampleTables.PerEdition(), serif, Language.Arabic));
        Assert.Equal("Arabic", e.Script);
        Assert.Contains("no font for the Arabic script", e.Message);
        Assert.Contains("apt-get install fonts-noto-core", e.Message);

        // The same chart in English needs only Latin, which DejaVu Serif has.
        Assert.NotEmpty(ReportRenderer.RenderPng(visual, SampleTables.PerEdition(), serif, Language.English));
    }

    [Fact]
    public void A_font_family_that_is_not_installed_is_never_replaced_silently()
    {
        var theme = Theme.Default with { FontFamily = "Sesric Imaginary Sans" };
        var e = Assert.Throws<MissingFontException>(() => ReportRenderer.RenderPng(new Visual("v", MarkKind.Card, "participants"), SampleTables.PerEdition(), theme, Language.English));
        Assert.Contains("'Sesric Imaginary Sans' is not installed", e.Message);
    }
}
