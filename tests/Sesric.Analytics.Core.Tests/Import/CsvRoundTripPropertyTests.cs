using CsCheck;

using Sesric.Analytics.Import;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Core.Tests.Import;

/// <summary>Property tests: any valid set of rows survives Write then Read unchanged, and any text either reads or is rejected with problems, never crashes.</summary>
public sealed class CsvRoundTripPropertyTests
{
    private static readonly Catalogue Catalogue = CsvTestData.Catalogue;

    private static readonly Gen<string> IdGen =
        Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_."], 1, 20];

    private static readonly Gen<Participant> ParticipantGen =
        Gen.Select(IdGen, Gen.Int[0, Catalogue.Countries.Count - 1], Gen.Enum<Gender>(), Gen.OneOf<string?>(null, "mfa", "nso", "moh", "x_1-y"), Gen.Bool)
            .Select((id, country, gender, institution, synthetic) =>
                Catalogue.CreateParticipant(ParticipantId.Parse(id), Catalogue.Countries[country].Code, gender, institution, synthetic));

    private static readonly Gen<List<Participation>> RowsGen =
        Gen.Select(ParticipantGen.List[1, 20], Gen.Select(Gen.Int[0, 1000], Gen.Int[0, Catalogue.Editions.Count - 1], Gen.Enum<AttendanceStatus>()).List[0, 60])
            .Select((people, picks) =>
            {
                var distinct = people.DistinctBy(p => p.Id).ToList();
                return picks
                    .Select(pick => (Person: distinct[pick.Item1 % distinct.Count], Edition: Catalogue.Editions[pick.Item2].Id, Status: pick.Item3))
                    .DistinctBy(x => (x.Person.Id, x.Edition))
                    .Select(x => Catalogue.CreateParticipation(x.Person, x.Edition, x.Status, x.Person.IsSynthetic))
                    .ToList();
            });

    [Fact]
    public void Any_valid_rows_round_trip_through_the_participations_file() =>
        RowsGen.Sample(rows =>
        {
            var text = new StringWriter();
            ParticipationCsv.Write(text, rows);
            var back = ParticipationCsv.Read(new StringReader(text.ToString()), Catalogue).ToList();
            return back.SequenceEqual(rows);
        }, iter: 300);

    [Fact]
    public void Arbitrary_text_is_read_or_rejected_with_problems_never_anything_else() =>
        Gen.String[Gen.Char["ab,\"\n\r @1TUR-"], 0, 200].Sample(body =>
        {
            try
            {
                _ = ParticipationCsv.Read(new StringReader(CsvTestData.ParticipationHeader + "\n" + body), Catalogue).Count();
                return true;
            }
            catch (ImportRejectedException e)
            {
                return e.Problems.Count > 0 && e.Problems.All(p => p.Line >= 1);
            }
        }, iter: 500);
}
