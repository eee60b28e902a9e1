using Sesric.Analytics.Import;

using static Sesric.Analytics.Core.Tests.Import.CsvTestData;

namespace Sesric.Analytics.Core.Tests.Import;

public sealed class ProgrammeCsvTests
{
    private const string Header = "programme,name_en,name_ar,name_fr,start_year,source_url";

    [Theory]
    [InlineData("Diplomacy CaB,Diplomacy,,,2017,", "programme", "not a programme id")]
    [InlineData("diplomacy-cab,,,,2017,", "name_en", "required")]
    [InlineData("diplomacy-cab,Diplomacy,,,seventeen,", "start_year", "whole number")]
    [InlineData("diplomacy-cab,Diplomacy,,,2017", null, "5 fields but the header has 6")]
    public void A_bad_programme_is_reported_with_its_line_and_column(string row, string? column, string reason)
    {
        var error = Assert.Throws<ImportRejectedException>(() => ProgrammeCsv.Read(new StringReader(Lines(Header, "oic-statcom,OIC-StatCom,,,,", row))));
        var problem = Single(error);
        Assert.Equal(3, problem.Line);
        Assert.Equal(column, problem.Column);
        Assert.Contains(reason, problem.Reason);
    }

    [Fact]
    public void A_duplicate_programme_is_reported()
    {
        var error = Assert.Throws<ImportRejectedException>(() => ProgrammeCsv.Read(new StringReader(Lines(Header, "a-b,A,,,,", "a-b,B,,,,"))));
        Assert.Contains("already on line 2", Single(error).Reason);
    }

    [Fact]
    public void The_built_in_programmes_round_trip()
    {
        var programmes = CsvTestData.Catalogue.Programmes;
        var text = new StringWriter();
        ProgrammeCsv.Write(text, programmes);
        Assert.Equal(programmes, ProgrammeCsv.Read(new StringReader(text.ToString())));
    }
}
