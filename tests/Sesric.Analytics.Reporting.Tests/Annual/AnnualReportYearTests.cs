using Sesric.Analytics.Reporting.Tests.Support;

namespace Sesric.Analytics.Reporting.Tests.Annual;

/// <summary>An annual report exists only for a year in which the programme held an edition.</summary>
public sealed class AnnualReportYearTests(SeededStore seeded) : IClassFixture<SeededStore>
{
    [Fact]
    public async Task A_year_without_an_edition_is_an_error_naming_the_years_that_have_one()
    {
        var catalogue = await seeded.Store.LoadCatalogueAsync();
        var programme = catalogue.Programmes.First(p => catalogue.EditionsOf(p.Id).Count() >= 2).Id;
        var years = catalogue.EditionsOf(programme).Select(e => e.Year).Distinct().Order().ToList();
        var missing = years[0] - 1;

        var e = await Assert.ThrowsAsync<NoEditionInYearException>(() => AnnualReport.BuildAsync(seeded.Store, programme, missing));
        Assert.Equal(years, e.Years);
        Assert.Contains($"held no edition in {missing}", e.Message);
        Assert.Contains($"its editions are in {string.Join(", ", years)}.", e.Message);
        Assert.Throws<NoEditionInYearException>(() => AnnualReport.Build(programme, years[^1] + 1, catalogue));

        // Every year that has an edition still builds.
        Assert.All(years, y => Assert.NotEmpty(AnnualReport.Build(programme, y, catalogue).Pages));
    }
}
