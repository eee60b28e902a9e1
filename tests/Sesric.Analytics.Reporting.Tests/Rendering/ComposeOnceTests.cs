using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting.Rendering;
using Sesric.Analytics.Reporting.Theming;

namespace Sesric.Analytics.Reporting.Tests.Rendering;

/// <summary>
/// A report composes each chart once and exports it to SVG and PNG; charts render side by side. Neither may change a
/// byte: both exports of one composition equal separate renders, in either order, and a whole report folder written
/// twice (in parallel each time) is identical.
/// </summary>
public sealed class ComposeOnceTests
{
    public static TheoryData<MarkKind, string, string?, Language> Charts => new()
    {
        { MarkKind.Column, "year", null, Language.English },
        { MarkKind.StackedColumn, "year", "oic_group", Language.Arabic },
        { MarkKind.PercentBar, "year", "oic_group", Language.French },
        { MarkKind.Line, "year", null, Language.Arabic },
        { MarkKind.Area, "year", "oic_group", Language.English },
        { MarkKind.Combo, "year", null, Language.English },
        { MarkKind.Waterfall, "year", null, Language.Arabic },
        { MarkKind.Card, "year", null, Language.French },
        { MarkKind.Donut, "oic_group", null, Language.Arabic },
        { MarkKind.Heatmap, "oic_group", "year", Language.English },
        { MarkKind.Table, "year", "oic_group", Language.Arabic },
        { MarkKind.SmallMultiples, "year", "oic_group", Language.English },
        { MarkKind.Bar, "member_state", null, Language.Arabic },
    };

    [Theory]
    [MemberData(nameof(Charts))]
    public void Both_exports_of_one_composition_equal_separate_renders(MarkKind mark, string category, string? series, Language language)
    {
        var request = Request(mark, category, series, language);
        var svg = ChartComposer.Render(request, ChartFormat.Svg);
        var png = ChartComposer.Render(request, ChartFormat.Png);

        var svgFirst = ChartComposer.Compose(request);
        Assert.Equal(svg.Svg, svgFirst.Export(ChartFormat.Svg).Svg);
        Assert.Equal(png.Png, svgFirst.Export(ChartFormat.Png).Png);

        var pngFirst = ChartComposer.Compose(request);
        var pngAgain = pngFirst.Export(ChartFormat.Png);
        var svgAgain = pngFirst.Export(ChartFormat.Svg);
        Assert.Equal(png.Png, pngAgain.Png);
        Assert.Equal(svg.Svg, svgAgain.Svg);
        Assert.Equal(svg.Labels.Select(l => l.Text), svgAgain.Labels.Select(l => l.Text));
    }

    private static ChartRequest Request(MarkKind mark, string category, string? series, Language language)
    {
        var visual = new Visual("c-" + mark.ToString().ToLowerInvariant(), mark, "participants", category, series,
            LineMeasure: mark == MarkKind.Combo ? "member_states" : null);
        var table = (mark, category, series) switch
        {
            (_, "member_state", _) => SampleTables.TopStates(suppressOne: true),
            (_, "oic_group", "year") => SampleTables.ByGroupAndYear(),
            (_, "oic_group", _) => SampleTables.ByGroup("Arab Group", "Asian Group", "African Group"),
            (_, "year", "oic_group") => SampleTables.ByGroupAndYear(),
            _ => SampleTables.PerEdition(),
        };
        return new ChartRequest(visual, table, Theme.Default, language, new MemberColors(Theme.Default), [FilterSpec.Eq("programme", "diplomacy-cab")],
            null, null, Sesric.Analytics.Reporting.Binding.MemberLabels.None, visual.Id);
    }
}
