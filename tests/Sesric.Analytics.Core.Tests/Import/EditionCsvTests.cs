using Sesric.Analytics.Dataset;
using Sesric.Analytics.Import;
using Sesric.Analytics.Model;

using static Sesric.Analytics.Core.Tests.Import.CsvTestData;

namespace Sesric.Analytics.Core.Tests.Import;

public sealed class EditionCsvTests
{
    private const string Header = "programme,edition,year,start_date,end_date,modality,host_city,host_country,partners,theme,participants,participants_is_lower_bound,member_states,source_url,notes";
    private const string Good = "diplomacy-cab,7,2023,2023-09-11,2023-09-14,in-person,Ankara,TUR,Diplomacy Academy; ICYF,Climate Diplomacy,,false,,,";

    private static ImportRejectedException Reject(params string[] rows) =>
        Assert.Throws<ImportRejectedException>(() => EditionCsv.Read(new StringReader(Lines([Header, .. rows])), CsvTestData.Catalogue));

    [Fact]
    public void Reads_a_valid_edition_accepting_in_dash_person()
    {
        var edition = Assert.Single(EditionCsv.Read(new StringReader(Lines(Header, Good)), CsvTestData.Catalogue));
        Assert.Equal(EditionId.Parse("diplomacy-cab/7"), edition.Id);
        Assert.Equal(Modality.InPerson, edition.Modality);
        Assert.Equal(["Diplomacy Academy", "ICYF"], edition.Partners);
        Assert.Equal(4, edition.Dates!.Value.Days);
        Assert.Null(edition.Published.Participants);
    }

    [Theory]
    [InlineData("no-such,1,2023,,,unknown,,,,,,false,,,", "programme", "unknown programme")]
    [InlineData("diplomacy-cab,7,2023,2023-09-14,2023-09-11,virtual,,,,,,false,,,", "end_date", "end date is before the start date")]
    [InlineData("diplomacy-cab,7,2022,2023-09-11,2023-09-14,virtual,,,,,,false,,,", "year", "does not match the start date")]
    [InlineData("diplomacy-cab,7,2023,,,virtual,,,,,-5,false,,,", "participants", "cannot be negative")]
    [InlineData("diplomacy-cab,7,2023,,,virtual,,,,,,false,-1,,", "member_states", "cannot be negative")]
    [InlineData("diplomacy-cab,7,2023,1950-01-01,2023-01-02,virtual,,,,,,false,,,", "start_date", "out of range")]
    [InlineData("diplomacy-cab,7,2150,,,virtual,,,,,,false,,,", "year", "1969")]
    [InlineData("diplomacy-cab,7,2023,14/09/2023,2023-09-17,virtual,,,,,,false,,,", "start_date", "yyyy-MM-dd")]
    [InlineData("diplomacy-cab,7,2023,,,on-site,,,,,,false,,,", "modality", "in_person, virtual, hybrid or unknown")]
    [InlineData("diplomacy-cab,0,2023,,,virtual,,,,,,false,,,", "edition", "edition number")]
    [InlineData("diplomacy-cab,7,2023,,,virtual,,Turkey,,,,false,,,", "host_country", "ISO 3166")]
    [InlineData("diplomacy-cab,7,2023,,,virtual,,,,,,true,,,", "participants_is_lower_bound", "participants is blank")]
    [InlineData("diplomacy-cab,7,2023,2023-09-11,,virtual,,,,,,false,,,", "end_date", "give both")]
    public void A_bad_edition_is_reported_with_its_line_and_column(string row, string column, string reason)
    {
        var problem = Single(Reject(Good.Replace(",7,", ",8,"), row));
        Assert.Equal(3, problem.Line);
        Assert.Equal(column, problem.Column);
        Assert.Contains(reason, problem.Reason);
    }

    [Fact]
    public void Line_numbers_count_the_lines_inside_quoted_notes()
    {
        var problem = Single(Reject(Good + "\"first line\nsecond line\"", Good.Replace(",7,", ",8,").Replace("in-person", "on-site")));
        Assert.Equal(4, problem.Line);
        Assert.Equal("modality", problem.Column);
    }

    [Fact]
    public void A_duplicate_edition_names_the_first_line()
    {
        var problem = Single(Reject(Good, Good));
        Assert.Equal(3, problem.Line);
        Assert.Contains("duplicate edition diplomacy-cab/7: already on line 2", problem.Reason);
    }

    [Fact]
    public void Too_many_fields_and_a_missing_column_are_reported()
    {
        var problem = Single(Reject(Good + ",x"));
        Assert.Equal(2, problem.Line);
        Assert.Contains("16 fields but the header has 15", problem.Reason);

        var missing = Single(Assert.Throws<ImportRejectedException>(() =>
            EditionCsv.Read(new StringReader(Lines(Header.Replace(",notes", ""), Good[..^1])), CsvTestData.Catalogue)));
        Assert.Equal("notes", missing.Column);
        Assert.Contains("missing column 'notes'", missing.Reason);
    }

    [Fact]
    public void The_built_in_editions_round_trip_exactly()
    {
        var editions = CsvTestData.Catalogue.Editions;
        var text = new StringWriter();
        EditionCsv.Write(text, editions);
        var back = EditionCsv.Read(new StringReader(text.ToString()), CsvTestData.Catalogue);
        Assert.Equal(editions.Count, back.Count);
        for (var i = 0; i < editions.Count; i++)
        {
            Assert.Equal(editions[i].Id, back[i].Id);
            Assert.Equal(editions[i].Published, back[i].Published);
            Assert.Equal(editions[i].Dates, back[i].Dates);
            Assert.Equal(editions[i].Partners, back[i].Partners);
            Assert.Equal((editions[i].Year, editions[i].Modality, editions[i].HostCity, editions[i].HostCountry, editions[i].Theme, editions[i].Notes),
                (back[i].Year, back[i].Modality, back[i].HostCity, back[i].HostCountry, back[i].Theme, back[i].Notes));
        }
        var again = new StringWriter();
        EditionCsv.Write(again, back);
        Assert.Equal(text.ToString(), again.ToString());
    }

    [Fact]
    public void The_embedded_file_keeps_the_lower_bound_of_statcom_8()
    {
        var row = BuiltInDataset.ReadDataFile("editions.csv").Split('\n').Single(l => l.StartsWith("oic-statcom,8,", StringComparison.Ordinal));
        Assert.Contains(",37,true,29,", row);
    }
}
