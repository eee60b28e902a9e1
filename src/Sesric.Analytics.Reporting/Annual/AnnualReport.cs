using System.Globalization;

using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting.Binding;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Reporting;

/// <summary>
/// The annual report of one programme for one year: headline cards, participants and member states per
/// edition, coverage over time, participants by OIC group, top and new member states, the state × year
/// matrix, and the next-edition forecast band when a forecast is supplied.
/// </summary>
/// <remarks>Built as an ordinary <see cref="Report"/>, so it can be saved as JSON, changed and re-rendered.
/// Time series run up to the report year; the year's own figures come from its page filter.</remarks>
public static class AnnualReport
{
    /// <summary>The id of the line visual that carries the forecast band (key it in <see cref="ReportRenderOptions.Forecasts"/>).</summary>
    public const string ForecastVisualId = "participants-trend";

    /// <summary>The report for <paramref name="programme"/> in <paramref name="year"/>, titled from <paramref name="catalogue"/>.</summary>
    /// <exception cref="NoEditionInYearException">The programme held no edition in <paramref name="year"/>.</exception>
    public static Report Build(ProgrammeId programme, int year, Catalogue catalogue)
    {
        NoEditionInYearException.ThrowIfNone(catalogue, programme, year);
        var name = catalogue.TryGetProgramme(programme, out var p) ? p.Name : new LocalizedText(programme.Value);
        var shortName = p?.ShortName ?? programme.Value;
        var y = year.ToString(CultureInfo.InvariantCulture);
        LocalizedText T(string en, string ar, string fr) => new(en.Replace("{p}", shortName).Replace("{y}", y), ar.Replace("{p}", shortName).Replace("{y}", y), fr.Replace("{p}", shortName).Replace("{y}", y));

        return ReportBuilder.Create(T("{p} annual report {y}", "التقرير السنوي لبرنامج {p} لعام {y}", "Rapport annuel {p} {y}"))
            .Subtitle(name)
            .Source(new LocalizedText("SESRIC, published edition figures and the participant registry", "سيسريك، الأرقام المنشورة للدورات وسجل المشاركين", "SESRIC, chiffres publiés des éditions et registre des participants"))
            .Filter(FilterSpec.Eq("programme", programme.Value))
            .Page(T("{y} at a glance", "عام {y} في لمحة", "{y} en bref"), page => page
                .Filter(FilterSpec.Between("year", year - 1, year))
                .Card("participants-card", "participants", v => v.Sized(400, 240).WithTitle(T("Participants {y}", "المشاركون {y}", "Participants {y}")))
                .Card("member-states-card", "member_states", v => v.Sized(400, 240).WithTitle(T("Member states {y}", "الدول الأعضاء {y}", "États membres {y}")))
                .Card("coverage-card", "coverage", v => v.Sized(400, 240).WithTitle(T("Coverage {y}", "التغطية {y}", "Couverture {y}")))
                .Card("female-share-card", "female_share", v => v.Sized(400, 240).WithTitle(T("Female share {y}", "نسبة الإناث {y}", "Part des femmes {y}"))))
            .Page(T("Editions over time", "الدورات عبر الزمن", "Les éditions dans le temps"), page => page
                .Filter(FilterSpec.Lte("year", year))
                .Add(new Visual("participants-and-states", MarkKind.Combo, "participants", "year", LineMeasure: "member_states",
                    Title: T("Participants and member states per edition, {p}", "المشاركون والدول الأعضاء في كل دورة، {p}", "Participants et États membres par édition, {p}")))
                .Line(ForecastVisualId, "participants", "year", v => v with
                {
                    Forecast = true,
                    Title = T("Participants per edition and next-edition forecast", "المشاركون في كل دورة وتوقع الدورة القادمة", "Participants par édition et prévision de la prochaine"),
                })
                .Line("coverage-trend", "coverage", "year", v => v.WithTitle(T("Share of member states represented", "نسبة الدول الأعضاء الممثلة", "Part des États membres représentés"))))
            .Page(T("Who took part in {y}", "من شارك في عام {y}", "Qui a participé en {y}"), page => page
                .Filter(FilterSpec.Eq("year", year))
                .Donut("by-group", "participants", "oic_group", v => v.WithTitle(T("Participants by OIC group, {y}", "المشاركون حسب مجموعة منظمة التعاون الإسلامي، {y}", "Participants par groupe de l'OCI, {y}")))
                .Bar("top-member-states", "participants", "member_state", v => v.Top(10).Sized(800, 480).WithTitle(T("Top member states by participants, {y}", "أكثر الدول الأعضاء مشاركة، {y}", "Principaux États membres par participants, {y}"))))
            .Page(T("Member states over time", "الدول الأعضاء عبر الزمن", "Les États membres dans le temps"), page => page
                .Filter(FilterSpec.Lte("year", year))
                .Column("new-member-states", "new_member_states", "year", v => v.WithTitle(T("Member states taking part for the first time", "الدول الأعضاء المشاركة لأول مرة", "États membres participant pour la première fois")))
                .Add(new Visual("states-by-year", MarkKind.Heatmap, "participants", "member_state", "year", Limit: 20, Height: 640,
                    Title: T("Participants by member state and year (top 20)", "المشاركون حسب الدولة العضو والسنة (أعلى 20)", "Participants par État membre et année (20 premiers)"))))
            .Build();
    }

    /// <summary>The report for <paramref name="programme"/> in <paramref name="year"/>, with names read from <paramref name="store"/>'s catalogue.</summary>
    public static async Task<Report> BuildAsync(ICatalogueReader store, ProgrammeId programme, int year, CancellationToken ct = default)
    {
        var catalogue = await store.LoadCatalogueAsync(ct).ConfigureAwait(false);
        return Build(Known(catalogue, programme), year, catalogue);
    }

    private static ProgrammeId Known(Catalogue catalogue, ProgrammeId programme) =>
        catalogue.TryGetProgramme(programme, out _)
            ? programme
            : throw new ArgumentException($"programme '{programme}' is not in the store; known: {string.Join(", ", catalogue.Programmes.Select(x => x.Id.Value))}.", nameof(programme));

    /// <summary>
    /// Builds and writes the annual report to <paramref name="directory"/> (HTML, PNG and SVG of every chart),
    /// with member-state names from the store's catalogue and an optional next-edition <paramref name="forecast"/>.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(
        IAnalyticsStore store, ProgrammeId programme, int year, Language language, string directory,
        ForecastBand? forecast = null, IProgress<ReportProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var catalogue = await store.LoadCatalogueAsync(ct).ConfigureAwait(false);
        return await WriteAsync(store, catalogue, programme, year, language, directory, Task.FromResult(forecast), progress, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Builds and writes the annual report to <paramref name="directory"/> from a <paramref name="catalogue"/> already
    /// read from <paramref name="store"/>, with a next-edition <paramref name="forecast"/> that may still be computing:
    /// every other chart is queried and drawn meanwhile, and the forecast chart once the band is ready.
    /// </summary>
    /// <param name="store">The store the report's figures are read from.</param>
    /// <param name="catalogue">The store's catalogue (member-state names, the programme and its edition years).</param>
    /// <param name="programme">The programme.</param>
    /// <param name="year">The report year.</param>
    /// <param name="language">The language of every text.</param>
    /// <param name="directory">The folder to write into (created if missing).</param>
    /// <param name="forecast">The forecast band (see <see cref="ForecastBand.From"/>), null inside for none; a faulted task fails the report.</param>
    /// <param name="progress">Progress after each query and chart.</param>
    /// <param name="ct">Cancels the queries and renders.</param>
    /// <param name="model">The model the report's measures are computed and labelled with (a <c>--model</c> file's); null for the built-in one.</param>
    /// <returns>The files written, in order (as the other overload).</returns>
    /// <exception cref="NoEditionInYearException">The programme held no edition in <paramref name="year"/>.</exception>
    public static Task<IReadOnlyList<string>> WriteAsync(
        IAnalyticsStore store, Catalogue catalogue, ProgrammeId programme, int year, Language language, string directory,
        Task<ForecastBand?> forecast, IProgress<ReportProgress>? progress = null, CancellationToken ct = default, SemanticModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(forecast);
        var report = Build(Known(catalogue, programme), year, catalogue);
        var options = RenderOptions(catalogue, null, programme) with
        {
            PendingForecasts = new Dictionary<string, Task<ForecastBand?>> { [ForecastVisualId] = forecast },
        };
        return ReportRenderer.WriteFolderAsync(report, new QueryEngine(store, model), language, directory, progress, options, ct);
    }

    /// <summary>
    /// The options an annual report renders with: member-state names from <paramref name="catalogue"/>, and the
    /// <paramref name="forecast"/> band (see <see cref="ForecastBand.From"/>) on the <see cref="ForecastVisualId"/> chart.
    /// </summary>
    /// <remarks>Used by <c>WriteAsync</c> and by the gRPC service's HTML rendering, so both draw the same report.</remarks>
    /// <param name="catalogue">Names of members, and the programme's edition years (time axes space and name editions by them).</param>
    /// <param name="forecast">The forecast band, or null.</param>
    /// <param name="programme">The report's programme, whose editions the time axes follow; null to judge from the data alone.</param>
    public static ReportRenderOptions RenderOptions(Catalogue catalogue, ForecastBand? forecast, ProgrammeId? programme = null) =>
        new(new MemberLabels(catalogue), forecast is null ? null : new Dictionary<string, ForecastBand> { [ForecastVisualId] = forecast },
            EditionYears: programme is { } p ? [.. catalogue.EditionsOf(p).Select(e => e.Year).Distinct().Order()] : null);
}
