using System.CommandLine;
using System.Text.Json;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting;
using Sesric.Analytics.Reporting.Binding;
using Sesric.Analytics.Reporting.Specs;
using Sesric.Analytics.Reporting.Theming;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Cli.Commands;

/// <summary>
/// <c>sesric chart</c>: one visual, from a JSON visual spec (<c>--spec</c>) or from flags, queried with the semantic
/// engine and drawn to PNG or SVG (chosen by the extension of <c>--out</c>).
/// </summary>
public sealed class ChartCommand : BaseCommand
{
    /// <summary>The example shown in <c>--help</c>.</summary>
    public const string Example = "sesric chart --mark bar --measure participants --category member_state --filter 'programme = \"diplomacy-cab\" AND year = 2022' --top 10 --lang ar --out top-states.svg";

    private readonly Option<FileInfo?> _spec = new("--spec")
    {
        Description = "A JSON visual spec (as in a report's pages[i].visuals[j]: id, mark, measure, category, series, title, filters, limit, width, height).",
        HelpName = "FILE",
    };

    private readonly Option<string?> _mark = new("--mark")
    {
        Description = $"The mark, when not using --spec: {string.Join(", ", MarkNames.All)}.",
    };

    private readonly Option<string?> _measure = new("--measure", "-m") { Description = "The measure drawn (with --mark)." };

    private readonly Option<string?> _category = new("--category") { Description = "The dimension along the category axis (with --mark)." };

    private readonly Option<string?> _series = new("--series") { Description = "A dimension that splits the measure into coloured members (with --mark)." };

    private readonly Option<string?> _lineMeasure = new("--line-measure") { Description = "A combo's line measure (with --mark combo)." };

    private readonly Option<string?> _title = new("--title") { Description = "The title (default: the measure's label)." };

    private readonly Option<int?> _top = new("--top") { Description = "Only the top N categories by the measure." };

    private readonly Option<int?> _width = new("--width") { Description = "Width in pixels (default 800)." };

    private readonly Option<int?> _height = new("--height") { Description = "Height in pixels (default 450)." };

    private readonly Option<string?> _filter = new("--filter")
    {
        Description = "An AIP-160 filter added to the visual's own, such as 'programme = \"diplomacy-cab\" AND year = 2022'.",
    };

    private readonly Option<string> _lang = LanguageOption.Create();

    private readonly Option<string> _theme = new Option<string>("--theme")
    {
        Description = "The theme: default, colorblind or high-contrast.",
        DefaultValueFactory = _ => "default",
    }.AcceptOnlyFromAmong([.. Theme.BuiltInNames]);

    private readonly Option<string> _policy = new Option<string>("--policy")
    {
        Description = "Disclosure policy of the query: public (small cells suppressed) or internal.",
        DefaultValueFactory = _ => "public",
    }.AcceptOnlyFromAmong("public", "internal");

    private readonly Option<FileInfo> _out = new("--out", "-o")
    {
        Description = "The file to write: .png or .svg.",
        Required = true,
        HelpName = "FILE",
    };

    /// <summary>Creates the verb.</summary>
    public ChartCommand(CliConsole console)
        : base("chart", $"Draw one visual to PNG or SVG, from a JSON spec (--spec) or from flags (--mark, --measure, --category …).\n\nExample:\n  {Example}", console)
    {
        foreach (var option in new Option[] { _spec, _mark, _measure, _category, _series, _lineMeasure, _title, _top, _width, _height, _filter, _lang, _theme, _policy, _out })
        {
            Add(option);
        }
        CommonOptions.AddModelTo(this);
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.GetValue(_out)!;
        var svg = output.Extension.ToLowerInvariant() switch
        {
            ".svg" => true,
            ".png" => false,
            _ => throw new UserErrorException($"--out '{output.Name}': name the file .png or .svg."),
        };
        var visual = ReadVisual(parseResult);
        var language = LanguageOption.Get(parseResult, _lang);
        var policy = parseResult.GetValue(_policy) == "internal" ? DisclosurePolicy.Internal : DisclosurePolicy.PublicDefault;
        var model = CommonOptions.ModelOf(parseResult);
        var vocabulary = ReportVocabulary.From(model);
        var query = VisualQuery.Build(visual, visual.Filters, policy, vocabulary);
        IReadOnlyList<FilterSpec> captioned = visual.Filters;
        if (parseResult.GetValue(_filter) is { Length: > 0 } extra)
        {
            query = query.AndWhere(FilterParser.Parse(extra));

            // The caption names the filters as a report's chart does; a filter beyond plain comparisons is shown as written.
            if (FilterText.TryParse(extra, out var parsed))
            {
                captioned = [.. visual.Filters, .. parsed];
            }
            else if (visual.Subtitle is null)
            {
                visual = visual with { Subtitle = new LocalizedText(extra, extra, extra) };
            }
        }

        await using var store = await OpenStoreAsync(parseResult, cancellationToken).ConfigureAwait(false);
        var engine = new QueryEngine(store, model);
        var table = await engine.ExecuteAsync(query, cancellationToken).ConfigureAwait(false);
        var catalogue = await store.LoadCatalogueAsync(cancellationToken).ConfigureAwait(false);
        var theme = Theme.BuiltIn(parseResult.GetValue(_theme) ?? "default");
        var totals = VisualQuery.Totals(visual, captioned, policy, vocabulary) is { } totalsQuery
            ? await engine.ExecuteAsync(totalsQuery.Where(query.Filter), cancellationToken).ConfigureAwait(false)
            : null;
        var options = new ChartOptions(captioned, Vocabulary: vocabulary, Labels: new MemberLabels(catalogue, vocabulary), Totals: totals);
        output.Directory?.Create();
        if (svg)
        {
            await File.WriteAllTextAsync(output.FullName, ReportRenderer.RenderSvg(visual, table, theme, language, options), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await File.WriteAllBytesAsync(output.FullName, ReportRenderer.RenderPng(visual, table, theme, language, options), cancellationToken).ConfigureAwait(false);
        }
        Console.Out.WriteLine(output.FullName);
        Console.Out.Flush();
        return ExitCodes.Success;
    }

    private Visual ReadVisual(ParseResult parseResult)
    {
        if (parseResult.GetValue(_spec) is { } spec)
        {
            if (parseResult.GetValue(_mark) is not null)
            {
                throw new UserErrorException("give either --spec or --mark, not both.");
            }
            try
            {
                return ReportJson.ReadVisual(DataFiles.ReadAllText(spec));
            }
            catch (JsonException e)
            {
                throw new UserErrorException($"--spec '{spec.Name}' is not valid JSON: {e.Message}");
            }
        }
        var markName = parseResult.GetValue(_mark)
            ?? throw new UserErrorException("say what to draw: --spec FILE, or --mark with --measure (and usually --category).");
        if (!MarkNames.TryParse(markName, out var mark))
        {
            throw new UserErrorException($"--mark '{markName}' is unknown; use one of: {string.Join(", ", MarkNames.All)}.");
        }
        var measure = parseResult.GetValue(_measure)
            ?? throw new UserErrorException("--mark needs --measure, such as --measure participants.");
        var title = parseResult.GetValue(_title);
        return new Visual(
            "chart",
            mark,
            measure,
            parseResult.GetValue(_category),
            parseResult.GetValue(_series),
            parseResult.GetValue(_lineMeasure),
            Title: title is null ? null : new LocalizedText(title, title, title),
            Limit: parseResult.GetValue(_top),
            Width: parseResult.GetValue(_width) ?? Visual.DefaultWidth,
            Height: parseResult.GetValue(_height) ?? Visual.DefaultHeight);
    }
}
