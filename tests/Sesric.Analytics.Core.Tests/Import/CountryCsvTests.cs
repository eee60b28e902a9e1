using Sesric.Analytics.Import;
using Sesric.Analytics.Model;

using static Sesric.Analytics.Core.Tests.Import.CsvTestData;

namespace Sesric.Analytics.Core.Tests.Import;

public sealed class CountryCsvTests
{
    private const string Header = "iso3,kind,name_en,name_ar,name_fr,accession_year,oic_group,group_basis,suspensions,observer_since,source_url,notes";
    private const string Good = "SYR,member,Syria,سوريا,Syrie,1972,Arab Group,inferred,2012-08-01..2025-03-07,,,note";

    private static ImportRejectedException Reject(params string[] rows) =>
        Assert.Throws<ImportRejectedException>(() => CountryCsv.Read(new StringReader(Lines([Header, .. rows]))));

    [Fact]
    public void Reads_suspensions_and_names_in_three_languages()
    {
        var syria = Assert.Single(CountryCsv.Read(new StringReader(Lines(Header, Good))));
        Assert.Equal("Syrie", syria.Name.French);
        Assert.Equal("سوريا", syria.Name.Arabic);
        Assert.Equal(new MembershipSuspension(new DateOnly(2012, 8, 1), new DateOnly(2025, 3, 7)), Assert.Single(syria.Suspensions));
        Assert.False(syria.IsMemberOn(new DateOnly(2020, 9, 14)));
    }

    [Theory]
    [InlineData("SY,member,Syria,,,1972,,unknown,,,,", "iso3", "ISO 3166")]
    [InlineData("SYR,friend,Syria,,,1972,,unknown,,,,", "kind", "member or observer")]
    [InlineData("SYR,member,,,,1972,,unknown,,,,", "name_en", "required")]
    [InlineData("SYR,member,Syria,,,,,unknown,,,,", "accession_year", "needs its accession year")]
    [InlineData("SYR,member,Syria,,,1902,,unknown,,,,", "accession_year", "1969")]
    [InlineData("SYR,member,Syria,,,1972,Levant Group,unknown,,,,", "oic_group", "African Group, Arab Group, Asian Group")]
    [InlineData("SYR,member,Syria,,,1972,Arab Group,guessed,,,,", "group_basis", "read, inferred or unknown")]
    [InlineData("SYR,member,Syria,,,1972,,read,,,,", "group_basis", "the group is blank")]
    [InlineData("SYR,member,Syria,,,1972,,unknown,August 2012,,,", "suspensions", "yyyy-MM-dd..yyyy-MM-dd")]
    [InlineData("SYR,member,Syria,,,1972,,unknown,2025-03-07..2012-08-01,,,", "suspensions", "not after")]
    [InlineData("RUS,observer,Russia,,,,,unknown,2012-08-01..,2005,,", "suspensions", "observer")]
    public void A_bad_country_is_reported_with_its_line_and_column(string row, string column, string reason)
    {
        var problem = Single(Reject("TUR,member,Turkiye,,,1969,Asian Group,inferred,,,,", row));
        Assert.Equal(3, problem.Line);
        Assert.Equal(column, problem.Column);
        Assert.Contains(reason, problem.Reason);
    }

    [Fact]
    public void Duplicates_and_short_rows_are_reported()
    {
        var error = Reject(Good, Good, "TUR,member");
        Assert.Collection(error.Problems,
            p => { Assert.Equal(3, p.Line); Assert.Contains("duplicate country SYR: already on line 2", p.Reason); },
            p => { Assert.Equal(4, p.Line); Assert.Contains("2 fields but the header has 12", p.Reason); });
    }

    [Fact]
    public void The_built_in_countries_round_trip()
    {
        var countries = CsvTestData.Catalogue.Countries;
        var text = new StringWriter();
        CountryCsv.Write(text, countries);
        var back = CountryCsv.Read(new StringReader(text.ToString()));
        Assert.Equal(countries.Count, back.Count);
        for (var i = 0; i < countries.Count; i++)
        {
            Assert.Equal(countries[i].Code, back[i].Code);
            Assert.Equal(countries[i].Name, back[i].Name);
            Assert.Equal(countries[i].Suspensions, back[i].Suspensions);
            Assert.Equal((countries[i].Kind, countries[i].AccessionYear, countries[i].Group, countries[i].GroupBasis, countries[i].ObserverSince, countries[i].SourceUrl, countries[i].Notes),
                (back[i].Kind, back[i].AccessionYear, back[i].Group, back[i].GroupBasis, back[i].ObserverSince, back[i].SourceUrl, back[i].Notes));
        }
    }
}
