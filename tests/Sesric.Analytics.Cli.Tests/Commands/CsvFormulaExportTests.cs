using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Storage.DuckDb;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Commands;

/// <summary>Exports that researchers open in Excel: formula-like names and themes go out neutralised and come back exactly.</summary>
public sealed class CsvFormulaExportTests : IDisposable
{
    private const string FormulaName = "=HYPERLINK(\"http://evil.example\",\"click\")";
    private readonly TempFolder _folder = new("cli-formula");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Formula_like_names_and_themes_are_neutralised_on_export_and_survive_import_then_export_unchanged()
    {
        var first = _folder.File("first.duckdb");
        var second = _folder.File("second.duckdb");
        var programmes = _folder.File("in-programmes.csv");
        var editions = _folder.File("in-editions.csv");
        // A hand-made file: the raw formula (what a careless source would hold) and a theme that really starts with an apostrophe.
        await File.WriteAllTextAsync(programmes,
            "programme,name_en,name_ar,name_fr,start_year,source_url\n"
            + $"formula-test,\"{FormulaName.Replace("\"", "\"\"")}\",@ar,+fr,2020,\n");
        await File.WriteAllTextAsync(editions,
            "programme,edition,year,start_date,end_date,modality,host_city,host_country,partners,theme,participants,participants_is_lower_bound,member_states,source_url,notes\n"
            + "formula-test,1,2021,,,virtual,-city,,@partner,''=SUM(A1),,false,,,+note\n");
        await CliRun.SucceedAsync("import", "programmes", programmes, "--db", first);
        await CliRun.SucceedAsync("import", "editions", editions, "--db", first);

        var exportedProgrammes = _folder.File("programmes.csv");
        var exportedEditions = _folder.File("editions.csv");
        await CliRun.SucceedAsync("export", "programmes", exportedProgrammes, "--db", first);
        await CliRun.SucceedAsync("export", "editions", exportedEditions, "--db", first);

        var programmeLine = (await File.ReadAllLinesAsync(exportedProgrammes)).Single(l => l.StartsWith("formula-test,", StringComparison.Ordinal));
        Assert.Equal("formula-test,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",'@ar,'+fr,2020,", programmeLine);
        var editionLine = (await File.ReadAllLinesAsync(exportedEditions)).Single(l => l.StartsWith("formula-test,", StringComparison.Ordinal));
        Assert.Equal("formula-test,1,2021,,,virtual,'-city,,'@partner,''=SUM(A1),,false,,,'+note", editionLine);

        await CliRun.SucceedAsync("import", "programmes", exportedProgrammes, "--db", second);
        await CliRun.SucceedAsync("import", "editions", exportedEditions, "--db", second);
        await using (var store = await DuckDbAnalyticsStore.OpenAsync(second))
        {
            var catalogue = await store.LoadCatalogueAsync();
            Assert.Equal(FormulaName, catalogue.Programmes.Single(p => p.Id.Value == "formula-test").Name.English);
            var edition = catalogue.Editions.Single(e => e.Programme.Value == "formula-test");
            Assert.Equal(("'=SUM(A1)", "-city", "+note"), (edition.Theme, edition.HostCity, edition.Notes));
            Assert.Equal(["@partner"], edition.Partners);
        }
        await CliRun.SucceedAsync("export", "programmes", _folder.File("again-programmes.csv"), "--db", second);
        await CliRun.SucceedAsync("export", "editions", _folder.File("again-editions.csv"), "--db", second);
        Assert.Equal(await File.ReadAllBytesAsync(exportedProgrammes), await File.ReadAllBytesAsync(_folder.File("again-programmes.csv")));
        Assert.Equal(await File.ReadAllBytesAsync(exportedEditions), await File.ReadAllBytesAsync(_folder.File("again-editions.csv")));
    }

    [Fact]
    public async Task Listings_in_csv_neutralise_text_cells_but_not_numbers()
    {
        var db = _folder.File("listing.duckdb");
        var programmes = _folder.File("p.csv");
        var editions = _folder.File("e.csv");
        await File.WriteAllTextAsync(programmes, "programme,name_en,name_ar,name_fr,start_year,source_url\nformula-test,Formula test,,,2020,\n");
        await File.WriteAllTextAsync(editions,
            "programme,edition,year,start_date,end_date,modality,host_city,host_country,partners,theme,participants,participants_is_lower_bound,member_states,source_url,notes\n"
            + $"formula-test,1,2021,,,virtual,\"{FormulaName.Replace("\"", "\"\"")}\",,,,25,false,3,,\n");
        await CliRun.SucceedAsync("import", "programmes", programmes, "--db", db);
        await CliRun.SucceedAsync("import", "editions", editions, "--db", db);

        var csv = (await CliRun.SucceedAsync("editions", "--db", db, "-f", "csv")).Out;

        var line = csv.Split('\n').Single(l => l.StartsWith("formula-test,", StringComparison.Ordinal));
        Assert.Equal("formula-test,1,2021,,,virtual,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",,25,false,3,0,0", line);
    }
}
