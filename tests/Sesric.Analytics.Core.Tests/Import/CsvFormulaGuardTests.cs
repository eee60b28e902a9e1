using CsCheck;

using Sesric.Analytics.Import;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Core.Tests.Import;

public sealed class CsvFormulaGuardTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("'=already", "''=already")]
    [InlineData("''", "'''")]
    [InlineData("'s-Hertogenbosch", "'s-Hertogenbosch")]
    [InlineData("'", "'")]
    [InlineData("Diplomacy = art", "Diplomacy = art")]
    [InlineData("", "")]
    public void Protect_prefixes_formula_starts_and_restore_gives_the_value_back(string value, string written)
    {
        Assert.Equal(written, CsvFormulaGuard.Protect(value));
        Assert.Equal(value, CsvFormulaGuard.Restore(written));
    }

    [Fact]
    public void Any_string_round_trips_and_no_protected_cell_starts_a_formula() =>
        Gen.String[Gen.Char["=+-@\t\r'ab ,\""], 0, 8].Sample(value =>
        {
            var written = CsvFormulaGuard.Protect(value);
            return CsvFormulaGuard.Restore(written) == value && (written.Length == 0 || !CsvFormulaGuard.FormulaStarts.Contains(written[0]));
        }, iter: 2000);

    [Fact]
    public void Programme_names_that_look_like_formulas_are_neutralised_in_the_file_and_read_back_exactly()
    {
        var programmes = new[]
        {
            new Programme(ProgrammeId.Parse("formula-one"), new LocalizedText("=HYPERLINK(\"http://x\",\"click\")", "@ar", "'=fr"), 2001, "-source"),
            new Programme(ProgrammeId.Parse("plain-two"), new LocalizedText("Plain, with comma", null, null), null, null),
        };
        var text = new StringWriter();

        ProgrammeCsv.Write(text, programmes);

        var lines = text.ToString().Split('\n');
        Assert.Equal("formula-one,\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",'@ar,''=fr,2001,'-source", lines[1]);
        Assert.Equal("plain-two,\"Plain, with comma\",,,,", lines[2]);
        Assert.Equal(programmes, ProgrammeCsv.Read(new StringReader(text.ToString())));
    }
}
