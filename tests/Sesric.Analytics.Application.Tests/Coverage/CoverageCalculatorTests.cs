using Sesric.Analytics.Application.Coverage;
using Sesric.Analytics.Dataset;
using Sesric.Analytics.Model;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Application.Tests.Coverage;

public sealed class CoverageCalculatorTests
{
    private static readonly Catalogue Catalogue = BuiltInDataset.LoadCatalogue();
    private static readonly ProgrammeId Diplomacy = ProgrammeId.Parse("diplomacy-cab");

    [Fact]
    public void A_year_counts_eligible_states_only_and_lists_each_group_in_iso_order()
    {
        var year = Catalogue.EditionsOf(Diplomacy).Select(e => e.Year).Order().First(y => y >= 2013 && y <= 2024);
        // Syria was suspended from 2012 to 2025: represented or not, it is not eligible that year.
        var represented = new[] { "TUR", "NGA", "SYR", "EGY" }.Select(code => (Diplomacy, year, CountryCode.Parse(code)));

        var entry = Assert.Single(CoverageCalculator.Compute(Catalogue, represented, new HashSet<EditionId>(), Diplomacy, year));

        Assert.Equal(Diplomacy, entry.Programme);
        Assert.Equal(3, entry.RepresentedCount);
        Assert.DoesNotContain(entry.Groups, g => g.Represented.Concat(g.NotRepresented).Any(c => c.Value == "SYR"));
        Assert.Equal(entry.EligibleCount, entry.Groups.Sum(g => g.Represented.Count + g.NotRepresented.Count));
        Assert.Equal((double)3 / entry.EligibleCount, entry.Share, 12);
        Assert.Equal([OicGroup.African, OicGroup.Arab, OicGroup.Asian], entry.Groups.Select(g => g.Group).Where(g => g != OicGroup.Unknown));
        Assert.All(entry.Groups, g => Assert.Equal(g.NotRepresented.Order(), g.NotRepresented));
        Assert.False(entry.HasRegistry);
    }

    [Fact]
    public void Never_represented_looks_back_over_earlier_years_but_not_later_ones()
    {
        var years = Catalogue.EditionsOf(Diplomacy).Select(e => e.Year).Distinct().Order().ToArray();
        var (first, second) = (years[0], years[1]);
        var represented = new[] { (Diplomacy, first, CountryCode.Parse("TUR")), (Diplomacy, years[^1], CountryCode.Parse("NGA")) };

        var entry = Assert.Single(CoverageCalculator.Compute(Catalogue, represented, new HashSet<EditionId>(), Diplomacy, second));

        var asian = entry.Groups.Single(g => g.Group == OicGroup.Asian);
        var african = entry.Groups.Single(g => g.Group == OicGroup.African);
        Assert.Contains(CountryCode.Parse("TUR"), asian.NotRepresented);
        Assert.DoesNotContain(CountryCode.Parse("TUR"), asian.NeverRepresented);
        Assert.Contains(CountryCode.Parse("NGA"), african.NeverRepresented);
        Assert.Equal(0, entry.RepresentedCount);
    }

    [Fact]
    public void A_scope_leaves_out_the_programmes_it_does_not_name()
    {
        var other = Catalogue.Programmes.First(p => p.Id != Diplomacy).Id;
        var all = CoverageCalculator.Compute(Catalogue, [], new HashSet<EditionId>(), null, null);
        var scoped = CoverageCalculator.Compute(Catalogue, [], new HashSet<EditionId>(), null, null, DataScope.Of([other]));

        Assert.Contains(all, e => e.Programme == Diplomacy);
        Assert.NotEmpty(scoped);
        Assert.All(scoped, e => Assert.Equal(other, e.Programme));
    }

    [Fact]
    public void A_member_state_scope_counts_and_lists_only_its_states_whoever_else_was_represented()
    {
        var year = Catalogue.EditionsOf(Diplomacy).Select(e => e.Year).Order().First(y => y >= 2013 && y <= 2024);
        var represented = new[] { "TUR", "NGA", "EGY" }.Select(code => (Diplomacy, year, CountryCode.Parse(code))).ToArray();
        var scope = DataScope.FromSlugs(null, ["TUR", "SAU"]);

        var entry = Assert.Single(CoverageCalculator.Compute(Catalogue, represented, new HashSet<EditionId>(), Diplomacy, year, scope));
        var all = Assert.Single(CoverageCalculator.Compute(Catalogue, represented, new HashSet<EditionId>(), Diplomacy, year));

        Assert.Equal(2, entry.EligibleCount);
        Assert.Equal(1, entry.RepresentedCount);
        Assert.Equal(["SAU", "TUR"], entry.Groups.SelectMany(g => g.Represented.Concat(g.NotRepresented)).Select(c => c.Value).Order());
        Assert.Equal([CountryCode.Parse("TUR")], entry.Groups.SelectMany(g => g.Represented));
        Assert.Equal(3, all.RepresentedCount);
    }
}
