using System.Text;

using Sesric.Analytics.Dataset;
using Sesric.Analytics.Import;
using Sesric.Analytics.Model;

using static Sesric.Analytics.Core.Tests.Import.CsvTestData;

namespace Sesric.Analytics.Core.Tests.Import;

public sealed class ParticipationCsvTests
{
    private const string Good1 = "diplomacy-cab,4,p-001,TUR,female,mfa,completed,false";
    private const string Good2 = "diplomacy-cab,4,p-002,SEN,male,mfa,attended,false";

    [Fact]
    public void Reads_valid_rows_against_the_catalogue()
    {
        var (rows, error) = ReadParticipations(Lines(ParticipationHeader, Good1, Good2, "oic-statcom,8,p-001,TUR,f,,,true"));
        Assert.Null(error);
        Assert.Equal(3, rows.Count);
        Assert.Equal(EditionId.Parse("diplomacy-cab/4"), rows[0].Edition);
        Assert.Equal(Gender.Female, rows[0].Participant.Gender);
        Assert.Equal(AttendanceStatus.Completed, rows[0].Status);
        Assert.Equal("mfa", rows[0].Participant.InstitutionType);
        Assert.Equal(AttendanceStatus.Attended, rows[2].Status);
        Assert.True(rows[2].IsSynthetic);
        Assert.Null(rows[2].Participant.InstitutionType);
    }

    [Fact]
    public void Crlf_line_ends_and_a_byte_order_mark_are_accepted_and_lines_still_count_right()
    {
        var csv = "\uFEFF" + string.Join("\r\n", ParticipationHeader, Good1, "diplomacy-cab,4,p-002,XYZ,male,mfa,attended,false") + "\r\n";
        var (rows, error) = ReadParticipations(csv);
        Assert.Single(rows);
        Assert.Equal(3, Single(error).Line);
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_case()
    {
        var (rows, error) = ReadParticipations(Lines(
            "Participant_ID,programme,edition,country_iso3,gender,institution_type,attendance,synthetic",
            "p-9,diplomacy-cab,5,tur,m,mfa,attended,false"));
        Assert.Null(error);
        Assert.Equal("TUR", Assert.Single(rows).Participant.Country.Value);
    }

    [Theory]
    [InlineData("diplomacy-cab,4,p-003,XYZ,female,mfa,attended,false", "country_iso3", "XYZ", "unknown member state `XYZ`")]
    [InlineData("diplomacy-cab,4,p-003,T1R,female,mfa,attended,false", "country_iso3", "T1R", "ISO 3166")]
    [InlineData("no-such-programme,4,p-003,TUR,female,mfa,attended,false", "programme", "no-such-programme", "unknown programme")]
    [InlineData("Diplomacy CaB,4,p-003,TUR,female,mfa,attended,false", "programme", "Diplomacy CaB", "not a programme id")]
    [InlineData("diplomacy-cab,99,p-003,TUR,female,mfa,attended,false", "edition", "99", "has no edition 99")]
    [InlineData("diplomacy-cab,four,p-003,TUR,female,mfa,attended,false", "edition", "four", "not an edition number")]
    [InlineData("diplomacy-cab,4,p-003,TUR,woman,mfa,attended,false", "gender", "woman", "use female, male or unknown")]
    [InlineData("diplomacy-cab,4,p-003,TUR,female,mfa,present,false", "attendance", "present", "use attended, completed")]
    [InlineData("diplomacy-cab,4,amina@example.org,TUR,female,mfa,attended,false", "participant_id", "amina@example.org", "e-mail")]
    [InlineData("diplomacy-cab,4,Amina Diallo,TUR,female,mfa,attended,false", "participant_id", "Amina Diallo", "never a name")]
    [InlineData("diplomacy-cab,4,,TUR,female,mfa,attended,false", "participant_id", "", "empty")]
    [InlineData("diplomacy-cab,4,p-003,TUR,female,Ministry of Health,attended,false", "institution_type", "Ministry of Health", "short code")]
    [InlineData("diplomacy-cab,4,p-003,TUR,female,mfa,attended,maybe", "synthetic", "maybe", "true or false")]
    public void A_bad_cell_is_reported_with_its_line_column_and_value(string row, string column, string value, string reason)
    {
        var (rows, error) = ReadParticipations(Lines(ParticipationHeader, Good1, row, Good2));
        Assert.Equal(2, rows.Count);
        var problem = Single(error);
        Assert.Equal(3, problem.Line);
        Assert.Equal(column, problem.Column);
        Assert.Equal(value, problem.Value);
        Assert.Contains(reason, problem.Reason);
    }

    [Fact]
    public void A_duplicate_participant_in_one_edition_names_both_lines()
    {
        var (_, error) = ReadParticipations(Lines(ParticipationHeader, Good1, Good2, Good1));
        var problem = Single(error);
        Assert.Equal(4, problem.Line);
        Assert.Equal("participant_id", problem.Column);
        Assert.Contains("duplicate participant in the same edition", problem.Reason);
        Assert.Contains("line 2", problem.Reason);
        Assert.Contains("line 4", problem.Reason);
    }

    [Fact]
    public void A_participant_whose_country_or_gender_changes_is_reported()
    {
        var (_, error) = ReadParticipations(Lines(ParticipationHeader, Good1,
            "diplomacy-cab,5,p-001,SAU,female,mfa,attended,false",
            "diplomacy-cab,6,p-001,TUR,male,mfa,attended,false"));
        Assert.NotNull(error);
        Assert.Collection(error.Problems,
            p => { Assert.Equal(3, p.Line); Assert.Equal("country_iso3", p.Column); Assert.Contains("TUR on line 2 but SAU", p.Reason); },
            p => { Assert.Equal(4, p.Line); Assert.Equal("gender", p.Column); Assert.Contains("female on line 2 but male", p.Reason); });
    }

    [Fact]
    public void A_missing_column_is_a_file_level_problem_listing_the_expected_columns()
    {
        var (rows, error) = ReadParticipations(Lines(
            "programme,edition,participant_id,gender,institution_type,attendance,synthetic",
            "diplomacy-cab,4,p-001,female,mfa,completed,false"));
        Assert.Empty(rows);
        var problem = Single(error);
        Assert.Equal(1, problem.Line);
        Assert.Equal("country_iso3", problem.Column);
        Assert.Contains("missing column 'country_iso3'", problem.Reason);
        Assert.Contains(ParticipationHeader, problem.Reason);
    }

    [Fact]
    public void An_unknown_column_is_refused()
    {
        var (_, error) = ReadParticipations(Lines(ParticipationHeader + ",email", Good1 + ",a@b.org"));
        var problem = Single(error);
        Assert.Equal(1, problem.Line);
        Assert.Contains("unknown column 'email'", problem.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void An_empty_file_is_refused(string csv)
    {
        var problem = Single(ReadParticipations(csv).Error);
        Assert.Equal(1, problem.Line);
        Assert.Contains("empty", problem.Reason);
        Assert.Contains("test.csv", problem.Reason);
    }

    [Fact]
    public void A_header_without_rows_reads_as_no_rows() =>
        Assert.Equal((0, (ImportRejectedException?)null), (ReadParticipations(Lines(ParticipationHeader)).Rows.Count, ReadParticipations(Lines(ParticipationHeader)).Error));

    [Theory]
    [InlineData("diplomacy-cab,4,p-003,TUR,female,mfa,attended,false,extra", "9 fields but the header has 8")]
    [InlineData("diplomacy-cab,4,p-003,TUR,female,mfa,attended", "7 fields but the header has 8")]
    public void A_row_with_too_many_or_too_few_fields_is_reported(string row, string reason)
    {
        var (rows, error) = ReadParticipations(Lines(ParticipationHeader, Good1, row, Good2));
        Assert.Equal(2, rows.Count);
        var problem = Single(error);
        Assert.Equal(3, problem.Line);
        Assert.Null(problem.Column);
        Assert.Contains(reason, problem.Reason);
    }

    [Fact]
    public void Every_problem_is_listed_in_file_order_and_valid_rows_stream_out_first()
    {
        var (rows, error) = ReadParticipations(Lines(ParticipationHeader,
            "diplomacy-cab,4,p-001,XYZ,female,mfa,attended,false",
            Good2,
            "diplomacy-cab,4,a@b.org,TUR,x,mfa,attended,false"));
        Assert.Single(rows);
        Assert.NotNull(error);
        Assert.Equal([2L, 4L, 4L], error.Problems.Select(p => p.Line));
        Assert.Equal(["country_iso3", "participant_id", "gender"], error.Problems.Select(p => p.Column));
        Assert.Contains("3 problem(s) found; nothing was imported", error.Message);
    }

    [Fact]
    public void A_huge_bad_file_lists_the_first_problems_and_counts_the_rest()
    {
        var bad = Enumerable.Range(1, ParticipationCsv.MaxProblemsListed + 5).Select(i => $"diplomacy-cab,4,p-{i},XYZ,female,mfa,attended,false");
        var (_, error) = ReadParticipations(Lines([ParticipationHeader, .. bad]));
        Assert.NotNull(error);
        Assert.Equal(ParticipationCsv.MaxProblemsListed, error.Problems.Count);
        Assert.Equal(ParticipationCsv.MaxProblemsListed + 5, error.TotalCount);
        Assert.All(error.Problems, p => Assert.Equal("country_iso3", p.Column));
        Assert.Equal(2, error.Problems[0].Line);

        // Said once, with the true count: one kind of problem, and the five not kept counted (not 10,001 lines, not "10000 more").
        var lines = error.DescribeLines().ToArray();
        Assert.Equal(
            [
                "10,005 problem(s) found; nothing was imported; the first 10,000, by kind:",
                "  10,000 rows (lines 2, 3, 4, …), column country_iso3 = 'XYZ': " + error.Problems[0].Reason,
                "  … and 5 more problem(s) not listed; fix the ones above and import again",
            ],
            lines);
    }

    [Fact]
    public void Participations_before_their_programmes_say_the_cause_once_for_every_programme()
    {
        var rows = Enumerable.Range(1, 300).Select(i => $"synthetic-{i % 25 + 1:D3},1,p-{i},TUR,female,mfa,attended,true");
        var (_, error) = ReadParticipations(Lines([ParticipationHeader, .. rows]));

        Assert.NotNull(error);
        var lines = error.DescribeLines().ToArray();
        Assert.Equal(2, lines.Length);
        Assert.Equal("300 problem(s) found; nothing was imported:", lines[0]);
        Assert.StartsWith("  300 rows (lines 2, 3, 4, …), column programme = 'synthetic-002', 'synthetic-003', 'synthetic-004', … (25 values): unknown programme: import the programmes first", lines[1]);
    }

    [Fact]
    public void A_semicolon_separated_file_gets_one_problem_that_names_the_separator()
    {
        var (_, error) = ReadParticipations(Lines([ParticipationHeader.Replace(',', ';'), "diplomacy-cab;4;p-1;TUR;female;mfa;attended;false"]));

        Assert.NotNull(error);
        var problem = Assert.Single(error.Problems);
        Assert.Contains("separated by semicolons (';')", problem.Reason);
        Assert.Contains("comma", problem.Reason);
    }

    [Fact]
    public void Reading_streams_rows_without_reading_the_whole_input()
    {
        using var endless = new EndlessParticipations();
        var first = ParticipationCsv.Read(endless, CsvTestData.Catalogue).Take(5).ToList();
        Assert.Equal(5, first.Count);
        Assert.True(endless.LinesServed < 100_000, $"read {endless.LinesServed} lines for 5 rows");
    }

    [Fact]
    public void Write_then_read_gives_the_same_rows()
    {
        var data = BuiltInDataset.Load();
        var text = new StringWriter();
        ParticipationCsv.Write(text, data.Participations);
        var back = ParticipationCsv.Read(new StringReader(text.ToString()), data.Catalogue).ToList();
        Assert.Equal(data.Participations, back);
        Assert.StartsWith(ParticipationHeader + ",record_key,nominated_on\n", text.ToString());
    }

    [Fact]
    public void Nomination_dates_are_read_written_and_optional()
    {
        var (rows, error) = ReadParticipations(Lines(
            ParticipationHeader + ",nominated_on",
            Good1 + ",2020-08-01",
            Good2 + ","));
        Assert.Null(error);
        Assert.Equal(new DateOnly(2020, 8, 1), rows[0].NominatedOn);
        Assert.Null(rows[1].NominatedOn);
        var text = new StringWriter();
        ParticipationCsv.Write(text, rows);
        Assert.Contains("\n" + Good1 + ",,2020-08-01\n", text.ToString());
        Assert.Contains("\n" + Good2 + ",,\n", text.ToString());
    }

    [Theory]
    [InlineData("2020-09-18", "after the edition diplomacy-cab/4: a nomination comes no later than its last day 2020-09-17")]
    [InlineData("18/09/2020", "not a date; use yyyy-MM-dd")]
    [InlineData("1968-12-31", "before 1969-01-01")]
    public void A_bad_nomination_date_names_the_row_and_the_field(string day, string message)
    {
        var (rows, error) = ReadParticipations(Lines(ParticipationHeader + ",nominated_on", Good1 + ",2020-09-17", Good2 + "," + day));
        Assert.Single(rows);
        var problem = Single(error);
        Assert.Equal(3, problem.Line);
        Assert.Equal("nominated_on", problem.Column);
        Assert.Equal(day, problem.Value);
        Assert.Contains(message, problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" 12 ", " 2020-08-01 ", 12, "2020-08-01")]
    [InlineData("\"12\"", "\"2020-08-01\"", 12, "2020-08-01")]
    [InlineData("", "", null, null)]
    [InlineData("  ", "\" \"", null, null)]
    [InlineData("0", "'2020-08-01", 0, null)]
    public void Record_keys_and_nomination_dates_are_read_trimmed_and_unquoted(string key, string day, int? expectedKey, string? expectedDay)
    {
        var (rows, error) = ReadParticipations(Lines(ParticipationHeader + ",record_key,nominated_on", Good1 + "," + key + "," + day));
        if (day.StartsWith('\''))
        {
            // An apostrophe that neutralises nothing stays in the cell: not a date, and the problem quotes it as written.
            Assert.Equal(("nominated_on", day), (Single(error).Column, Single(error).Value));
            return;
        }
        Assert.Null(error);
        var row = Assert.Single(rows);
        Assert.Equal(expectedKey, row.Participant.RecordKey);
        Assert.Equal(expectedDay is null ? null : DateOnly.Parse(expectedDay, System.Globalization.CultureInfo.InvariantCulture), row.NominatedOn);
    }

    [Theory]
    [InlineData("'-5", "-5", "record_key")]
    [InlineData(" 16777216 ", "16777216", "record_key")]
    [InlineData("12345678901234567890123", "12345678901234567890123", "record_key")]
    [InlineData("x", "x", "record_key")]
    public void A_bad_record_key_is_quoted_as_the_check_read_it(string cell, string quoted, string column)
    {
        var (rows, error) = ReadParticipations(Lines(ParticipationHeader + ",record_key", Good1 + ",7", Good2 + "," + cell));
        Assert.Single(rows);
        var problem = Single(error);
        Assert.Equal((3L, column, quoted), (problem.Line, problem.Column, problem.Value));
        Assert.Contains("not a record key", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_longer_than_the_parse_buffer_are_read_and_quoted_whole()
    {
        var longDay = new string('2', 100);
        var longKey = " " + new string('1', 70) + " ";
        var (rows, error) = ReadParticipations(Lines(ParticipationHeader + ",record_key,nominated_on", Good1 + ",7,2020-08-01", Good2 + "," + longKey + "," + longDay));
        Assert.Single(rows);
        Assert.NotNull(error);
        Assert.Equal(
            new (long, string?, string?)[] { (3L, "record_key", longKey.Trim()), (3L, "nominated_on", longDay) },
            error.Problems.Select(p => (p.Line, p.Column, p.Value)));
    }

    [Fact]
    public void A_nomination_date_the_edition_refuses_is_quoted_trimmed_among_the_rows_other_problems()
    {
        var (_, error) = ReadParticipations(Lines(ParticipationHeader + ",record_key,nominated_on", "diplomacy-cab,4,p-001,TUR,female,mfa,completed,maybe,5, 2020-09-18 "));
        Assert.NotNull(error);
        Assert.Equal(
            new (string?, string?)[] { ("synthetic", "maybe"), ("nominated_on", "2020-09-18") },
            error.Problems.Select(p => (p.Column, p.Value)));
    }

    [Fact]
    public void An_edition_without_dates_takes_nominations_until_the_end_of_its_year()
    {
        var (rows, error) = ReadParticipations(Lines(ParticipationHeader + ",nominated_on",
            "diplomacy-cab,2,p-1,TUR,f,,attended,false,2018-12-31", "diplomacy-cab,2,p-2,TUR,f,,attended,false,2019-01-01"));
        Assert.Single(rows);
        Assert.Contains("the end of its year 2018", Single(error).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_writes_exactly_what_the_sync_writer_writes()
    {
        var rows = BuiltInDataset.Load().Participations;
        var sync = new StringWriter();
        ParticipationCsv.Write(sync, rows);
        var async = new StringWriter();
        await ParticipationCsv.WriteAsync(async, ToAsync(rows), CancellationToken.None);
        Assert.Equal(sync.ToString(), async.ToString());
    }

    [Fact]
    public void Written_files_are_byte_identical_for_the_same_rows()
    {
        static string Write()
        {
            var text = new StringWriter();
            ParticipationCsv.Write(text, BuiltInDataset.Load().Participations);
            return text.ToString();
        }
        Assert.Equal(Write(), Write());
    }

    private static async IAsyncEnumerable<Participation> ToAsync(IEnumerable<Participation> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    /// <summary>A reader that serves a header and then valid rows forever, counting the lines asked for.</summary>
    private sealed class EndlessParticipations : TextReader
    {
        private readonly StringBuilder _buffer = new(ParticipationHeader + "\n");
        private int _position;

        public long LinesServed { get; private set; }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            while (_buffer.Length - _position < buffer.Length)
            {
                LinesServed++;
                _buffer.Append("diplomacy-cab,4,p-").Append(LinesServed).Append(",TUR,female,mfa,attended,true\n");
            }
            _buffer.CopyTo(_position, buffer, buffer.Length);
            _position += buffer.Length;
            if (_position > 1 << 20)
            {
                _buffer.Remove(0, _position);
                _position = 0;
            }
            return buffer.Length;
        }
    }
}
