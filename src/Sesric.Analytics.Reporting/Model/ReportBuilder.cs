using Sesric.Analytics.Model;

namespace Sesric.Analytics.Reporting;

/// <summary>
/// The fluent way to write a <see cref="Report"/> in C#:
/// <c>ReportBuilder.Create(title).Filter(…).Page(title, p =&gt; p.Column("id", "participants", by: "year")).Build()</c>.
/// </summary>
/// <remarks>The builder only collects; <see cref="Build"/> returns plain immutable data that
/// <see cref="Specs.ReportValidator"/> checks like a JSON spec.</remarks>
/// <threadsafety>Not thread-safe; use one builder per report.</threadsafety>
public sealed class ReportBuilder
{
    private readonly LocalizedText _title;
    private readonly List<FilterSpec> _filters = [];
    private readonly List<ReportPage> _pages = [];
    private LocalizedText? _subtitle;
    private LocalizedText? _source;
    private string _theme = "default";

    private ReportBuilder(LocalizedText title) => _title = title;

    /// <summary>Starts a report with <paramref name="title"/>.</summary>
    public static ReportBuilder Create(LocalizedText title) => new(title);

    /// <summary>Sets the subtitle.</summary>
    public ReportBuilder Subtitle(LocalizedText subtitle)
    {
        _subtitle = subtitle;
        return this;
    }

    /// <summary>Sets the source line printed under every visual.</summary>
    public ReportBuilder Source(LocalizedText source)
    {
        _source = source;
        return this;
    }

    /// <summary>Chooses a theme by name (<c>default</c>, <c>colorblind</c>, <c>high-contrast</c>).</summary>
    public ReportBuilder Theme(string name)
    {
        _theme = Preconditions.CheckNotBlank(name);
        return this;
    }

    /// <summary>Adds a filter of report scope.</summary>
    public ReportBuilder Filter(FilterSpec filter)
    {
        _filters.Add(filter);
        return this;
    }

    /// <summary>Adds a page with <paramref name="title"/>, filled by <paramref name="build"/>.</summary>
    public ReportBuilder Page(LocalizedText title, Action<PageBuilder> build)
    {
        var page = new PageBuilder();
        build(page);
        _pages.Add(new ReportPage(title, page.Filters.ToValueList(), page.Visuals.ToValueList()));
        return this;
    }

    /// <summary>The report.</summary>
    public Report Build() => new(_title, _subtitle, _theme, _filters.ToValueList(), _pages.ToValueList(), _source);
}

/// <summary>Collects the filters and visuals of one page; see <see cref="ReportBuilder.Page"/>.</summary>
public sealed class PageBuilder
{
    internal List<FilterSpec> Filters { get; } = [];

    internal List<Visual> Visuals { get; } = [];

    /// <summary>Adds a filter of page scope.</summary>
    public PageBuilder Filter(FilterSpec filter)
    {
        Filters.Add(filter);
        return this;
    }

    /// <summary>Adds a visual as is.</summary>
    public PageBuilder Add(Visual visual)
    {
        Visuals.Add(visual);
        return this;
    }

    /// <summary>Adds a visual of <paramref name="mark"/> showing <paramref name="measure"/> by <paramref name="by"/>, then lets <paramref name="configure"/> change it.</summary>
    public PageBuilder Add(MarkKind mark, string id, string measure, string? by = null, Func<Visual, Visual>? configure = null)
    {
        var visual = new Visual(id, mark, measure, by);
        Visuals.Add(configure is null ? visual : configure(visual));
        return this;
    }

    /// <summary>Adds a card (value and change against the previous year).</summary>
    public PageBuilder Card(string id, string measure, Func<Visual, Visual>? configure = null) => Add(MarkKind.Card, id, measure, "year", configure);

    /// <summary>Adds a clustered column chart.</summary>
    public PageBuilder Column(string id, string measure, string by, Func<Visual, Visual>? configure = null) => Add(MarkKind.Column, id, measure, by, configure);

    /// <summary>Adds a horizontal bar chart.</summary>
    public PageBuilder Bar(string id, string measure, string by, Func<Visual, Visual>? configure = null) => Add(MarkKind.Bar, id, measure, by, configure);

    /// <summary>Adds a line chart.</summary>
    public PageBuilder Line(string id, string measure, string by, Func<Visual, Visual>? configure = null) => Add(MarkKind.Line, id, measure, by, configure);

    /// <summary>Adds a donut.</summary>
    public PageBuilder Donut(string id, string measure, string by, Func<Visual, Visual>? configure = null) => Add(MarkKind.Donut, id, measure, by, configure);

    /// <summary>Adds a table.</summary>
    public PageBuilder Table(string id, string measure, string by, Func<Visual, Visual>? configure = null) => Add(MarkKind.Table, id, measure, by, configure);
}

/// <summary>Fluent setters for a <see cref="Visual"/> (each returns a changed copy).</summary>
public static class VisualSetters
{
    /// <summary>Sets the title.</summary>
    public static Visual WithTitle(this Visual v, LocalizedText title) => v with { Title = title };

    /// <summary>Sets the subtitle.</summary>
    public static Visual WithSubtitle(this Visual v, LocalizedText subtitle) => v with { Subtitle = subtitle };

    /// <summary>Sets the footnote.</summary>
    public static Visual WithNote(this Visual v, LocalizedText note) => v with { Note = note };

    /// <summary>Splits the measure by <paramref name="series"/>.</summary>
    public static Visual SplitBy(this Visual v, string series) => v with { Series = series };

    /// <summary>Adds a filter of visual scope.</summary>
    public static Visual Where(this Visual v, FilterSpec filter) => v with { Filters = ValueList.Of([.. v.Filters, filter]) };

    /// <summary>Keeps the top <paramref name="limit"/> categories.</summary>
    public static Visual Top(this Visual v, int limit) => v with { Limit = limit };

    /// <summary>Sets the size in pixels.</summary>
    public static Visual Sized(this Visual v, int width, int height) => v with { Width = width, Height = height };
}
