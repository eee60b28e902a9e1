using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting.Binding;
using Sesric.Analytics.Reporting.Tests.Rendering;
using Sesric.Analytics.Reporting.Tests.Support;
using Sesric.Analytics.Reporting.Theming;

namespace Sesric.Analytics.Reporting.Tests.Binding;

/// <summary>A chart drawn from a command-line filter captions it as a report's chart does, by names.</summary>
public sealed class FilterTextTests
{
    [Fact]
    public void A_plain_filter_reads_back_as_the_specs_a_report_would_hold()
    {
        Assert.True(FilterText.TryParse("programme = \"diplomacy-cab\" AND year >= 2020 AND year <= 2022", out var filters));
        Assert.Equal([FilterSpec.Eq("programme", "diplomacy-cab"), FilterSpec.Gte("year", 2020), FilterSpec.Lte("year", 2022)], filters);
        Assert.Equal("programme = \"diplomacy-cab\" AND year >= 2020 AND year <= 2022", VisualQuery.Filter(filters)?.ToString());
    }

    [Theory]
    [InlineData("year = 2020 OR year = 2021")]
    [InlineData("NOT year = 2020")]
    [InlineData("year = 2020 AND")]
    public void Anything_beyond_and_joined_comparisons_is_left_as_written(string text) =>
        Assert.False(FilterText.TryParse(text, out _));

    [Fact]
    public void The_caption_names_the_programme_not_its_id()
    {
        var catalogue = Sesric.Analytics.Dataset.BuiltInDataset.LoadCatalogue();
        Assert.True(FilterText.TryParse("programme = \"diplomacy-cab\" AND year = 2022", out var filters));
        var visual = new Visual("top", MarkKind.Bar, "participants", "member_state");
        var texts = SvgText.Texts(ReportRenderer.RenderSvg(visual, SampleTables.TopStates(), Theme.Default, Language.English, new ChartOptions(filters, Labels: new MemberLabels(catalogue))));
        Assert.Contains("Filters: Programme: Diplomacy-CaB; Year: 2022", texts);
    }
}
