using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

using BenchmarkDotNet.Attributes;

using Sesric.Analytics.Dataset;
using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting;
using Sesric.Analytics.Reporting.Binding;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Benchmarks.Reporting;

/// <summary>
/// The full Diplomacy-CaB 2022 annual report (about ten visuals, every chart as PNG and SVG, plus the HTML) on the
/// built-in data, beside the same charts drawn by matplotlib (Debian's python3-matplotlib running
/// <c>matplotlib/annual_report.py</c> on the same result tables) in the same run.
/// </summary>
/// <remarks>In process (the machine is shared; building a separate benchmark process can time out). Run: <c>dotnet run -c Release --project tests/Sesric.Analytics.Benchmarks -- --filter '*AnnualReport*'</c>.
/// The matplotlib figure includes starting Python and importing matplotlib, as a researcher's script run does;
/// the script also prints its time after imports.</remarks>
[InProcess]
[WarmupCount(1)]
[IterationCount(7)]
[MemoryDiagnoser]
public class AnnualReportBenchmark
{
    private const string Python = "/usr/bin/python3";
    private static readonly ProgrammeId Programme = ProgrammeId.Parse("diplomacy-cab");
    private string _folder = "";
    private DuckDbAnalyticsStore _store = null!;
    private QueryEngine _engine = null!;
    private Report _report = null!;
    private ReportRenderOptions _options = null!;
    private string _script = "";
    private string _data = "";
    private IReadOnlyList<ResultTable> _tables = [];

    /// <summary>The tables exported for matplotlib (data.json), once <see cref="SetUp"/> has run.</summary>
    public string DataFile => _data;

    /// <summary>Seeds a DuckDB file with the built-in data and exports the report's tables for matplotlib.</summary>
    [GlobalSetup]
    public async Task SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "sesric-bench-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _store = await DuckDbAnalyticsStore.OpenAsync(Path.Combine(_folder, "analytics.duckdb"));
        await StoreSeeder.EnsureSeededAsync(_store);
        _engine = new QueryEngine(_store);
        var catalogue = await _store.LoadCatalogueAsync();
        _report = AnnualReport.Build(Programme, 2022, catalogue);
        var forecast = new ForecastBand([new ForecastPoint("2023", 90, 70, 112)], 0.8, "benchmark");
        _options = new ReportRenderOptions(new MemberLabels(catalogue), new Dictionary<string, ForecastBand> { [AnnualReport.ForecastVisualId] = forecast });
        _script = FindScript();
        _data = Path.Combine(_folder, "data.json");
        var tables = new List<ResultTable>();
        foreach (var (_, visual, filters) in _report.VisualsWithFilters())
        {
            tables.Add(await _engine.ExecuteAsync(VisualQuery.Build(visual, filters)));
        }
        _tables = tables;
        await File.WriteAllTextAsync(_data, Export(_report, _tables, catalogue, forecast));
    }

    /// <summary>Removes the store and outputs.</summary>
    [GlobalCleanup]
    public async Task CleanUp()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Renders every chart as PNG and SVG and writes the HTML report, from the same tables matplotlib gets.</summary>
    [Benchmark(Baseline = true)]
    public Task<IReadOnlyList<string>> SesricReporting() =>
        ReportRenderer.WriteFolderAsync(_report, _tables, Language.English, Path.Combine(_folder, "sesric"), null, _options);

    /// <summary>The same, plus running every visual's query through the semantic engine on DuckDB.</summary>
    [Benchmark]
    public Task<IReadOnlyList<string>> SesricReportingWithQueries() =>
        ReportRenderer.WriteFolderAsync(_report, _engine, Language.English, Path.Combine(_folder, "sesric-queried"), null, _options);

    /// <summary>matplotlib draws the same charts from the same tables (PNG, SVG, HTML).</summary>
    [Benchmark]
    public double Matplotlib()
    {
        var start = new ProcessStartInfo(Python, [_script, _data, Path.Combine(_folder, "matplotlib")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Python} {_script} failed ({process.ExitCode}); install python3-matplotlib (apt-get install -y python3-matplotlib): {errors}");
        }
        return double.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    private static string Export(Report report, IReadOnlyList<ResultTable> tables, Catalogue catalogue, ForecastBand forecast)
    {
        var labels = new MemberLabels(catalogue);
        var visuals = new List<object>();
        var next = 0;
        foreach (var (_, visual, _) in report.VisualsWithFilters())
        {
            var table = tables[next++];
            object? Cell(ResultColumn column, ResultCell cell) => cell.Value is string s ? labels.Label(column.Name, s, Language.English) : cell.Value;
            visuals.Add(new Dictionary<string, object?>
            {
                ["id"] = visual.Id,
                ["mark"] = Sesric.Analytics.Reporting.Specs.MarkNames.Name(visual.Mark),
                ["measure"] = visual.Measure,
                ["category"] = visual.Category ?? "year",
                ["series"] = visual.Series,
                ["lineMeasure"] = visual.LineMeasure,
                ["limit"] = visual.Limit,
                ["title"] = (visual.Title ?? new LocalizedText(visual.Measure)).English,
                ["width"] = visual.Width,
                ["height"] = visual.Height,
                ["forecast"] = visual.Forecast ? new Dictionary<string, object> { ["category"] = forecast.Points[0].Category, ["value"] = forecast.Points[0].Value, ["lower"] = forecast.Points[0].Lower, ["upper"] = forecast.Points[0].Upper } : null,
                ["columns"] = table.Columns.Select(c => c.Name).ToArray(),
                ["rows"] = table.Rows.Select(r => r.Select((cell, i) => Cell(table.Columns[i], cell)).ToArray()).ToArray(),
            });
        }
        return JsonSerializer.Serialize(visuals);
    }

    private static string FindScript()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sesric.Analytics.sln")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir?.FullName ?? ".", "tests", "Sesric.Analytics.Benchmarks", "matplotlib", "annual_report.py");
    }
}
