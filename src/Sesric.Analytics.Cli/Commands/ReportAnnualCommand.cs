using System.CommandLine;
using System.Globalization;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Cli.Output;
using Sesric.Analytics.Forecasting;
using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Cli.Commands;

/// <summary>
/// <c>sesric report annual</c>: the annual report of one programme for one year, as <c>index.html</c> plus every chart
/// as PNG and SVG, with the next-edition forecast band unless <c>--no-forecast</c>.
/// </summary>
public sealed class ReportAnnualCommand : BaseCommand
{
    /// <summary>The example shown in <c>--help</c>.</summary>
    public const string Example = "sesric report annual --programme diplomacy-cab --year 2022 --lang ar --out report-2022-ar";

    private readonly Option<string> _programme = new("--programme", "-p")
    {
        Description = "The programme's id, such as diplomacy-cab (see sesric editions).",
        Required = true,
    };

    private readonly Option<int> _year = new("--year", "-y")
    {
        Description = "The report year.",
        Required = true,
    };

    private readonly Option<string> _lang = LanguageOption.Create();

    private readonly Option<DirectoryInfo> _out = new("--out", "-o")
    {
        Description = "The folder to write index.html, report.json and every chart's .png and .svg into (created if missing).",
        Required = true,
        HelpName = "DIR",
    };

    private readonly Option<bool> _noForecast = new("--no-forecast")
    {
        Description = "Leave out the next-edition forecast band (skips training the forecaster).",
    };

    /// <summary>Creates the verb.</summary>
    public ReportAnnualCommand(CliConsole console)
        : base("annual", $"Write a programme's annual report: HTML (English, Arabic or French) and every chart as PNG and SVG.\n\nExample:\n  {Example}", console)
    {
        Add(_programme);
        Add(_year);
        Add(_lang);
        Add(_out);
        Add(_noForecast);
        CommonOptions.AddModelTo(this);
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var programme = Programmes.Parse(parseResult.GetValue(_programme));
        var year = parseResult.GetValue(_year);
        if (year is < 1969 or > 2100)
        {
            throw new UserErrorException($"--year {year.ToString(CultureInfo.InvariantCulture)} is out of range; give a year such as 2022.");
        }
        var language = LanguageOption.Get(parseResult, _lang);
        var directory = parseResult.GetValue(_out)!;
        // Read before anything starts, so a bad --model file fails with its path and nothing is written.
        var model = CommonOptions.ModelOf(parseResult);

        // Fonts, Skia and the chart code start on the other core while this one opens the store (whole process on 2 cores:
        // see ReportRenderer.WarmUp). Nothing waits for it: the first chart that renders before it is done shares its
        // start-up (fonts are resolved once per process), and its failure is the charts' failure too.
        var rendererReady = Task.Run(() =>
        {
            using var warmUp = Telemetry.SesricTelemetry.Start("sesric.render.warm_up");
            ReportRenderer.WarmUp(Reporting.Theming.Theme.Default);
        }, cancellationToken);
        IAnalyticsStore store;
        using (Telemetry.SesricTelemetry.Start("sesric.store.open"))
        {
            store = await OpenStoreAsync(parseResult, cancellationToken).ConfigureAwait(false);
        }
        await using var _ = store.ConfigureAwait(false);
        var files = await JobProgress.RunAsync(Console, parseResult.GetValue(CommonOptions.Progress), $"annual report {programme} {year.ToString(CultureInfo.InvariantCulture)}", async progress =>
        {
            var catalogue = await store.LoadCatalogueAsync(cancellationToken).ConfigureAwait(false);

            // The forecaster trains on the other core while the report queries and draws its other charts; only the
            // forecast chart waits for it. The report for a year shows the forecast as of that year: trained on editions
            // up to it, for the next edition.
            var forecast = parseResult.GetValue(_noForecast)
                ? Task.FromResult<ForecastBand?>(null)
                : Task.Run(() => NextEditionBandAsync(store, catalogue, programme, year, cancellationToken), cancellationToken);
            var reportProgress = new Progress(progress);
            var written = await AnnualReport.WriteAsync(store, catalogue, programme, year, language, directory.FullName, forecast, reportProgress, cancellationToken, model).ConfigureAwait(false);
            await rendererReady.ConfigureAwait(false);
            return written;
        }).ConfigureAwait(false);
        foreach (var file in files)
        {
            Console.Out.WriteLine(file);
        }
        Console.Out.Flush();
        return ExitCodes.Success;
    }

    /// <summary>The next-edition forecast band as of <paramref name="year"/>, or null when the history is too short.</summary>
    private static async Task<ForecastBand?> NextEditionBandAsync(IAnalyticsStore store, Catalogue catalogue, ProgrammeId programme, int year, CancellationToken cancellationToken)
    {
        ForecastDataset dataset;
        using (Telemetry.SesricTelemetry.Start("sesric.forecast.history"))
        {
            dataset = ForecastDataset.From(catalogue, await store.GetEditionStatisticsAsync(cancellationToken).ConfigureAwait(false));
        }
        return ForecastBand.From(AsOfForecast.NextEditionAfter(dataset, programme, year, ForecastTarget.Participants, ForecastOptions.Default, TimeProvider.System));
    }

    /// <summary>Passes the report library's progress on to the display.</summary>
    private sealed class Progress(IProgress<JobProgress.Step> inner) : IProgress<ReportProgress>
    {
        public void Report(ReportProgress value) => inner.Report(new JobProgress.Step(value.Done, value.Total, value.Step));
    }
}
