using System.Data.Common;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Storage.Sql;

/// <summary>
/// The registry stream both stores serve (<see cref="IParticipationReader.ReadParticipationsAsync"/>): its statement, and each of
/// its rows turned into a participation, interning the editions and countries seen so far. Each store runs the statement
/// its own way (DuckDB in streaming mode, Npgsql asynchronously); what a row means is written once, here.
/// </summary>
/// <param name="catalogue">The catalogue participations are created against.</param>
internal sealed class RegistryStream(Catalogue catalogue)
{
    /// <summary>Every participation with its person, in a stable order (programme, edition, participant).</summary>
    public const string Statement =
        """
        SELECT pn.participant_id, pt.iso3, pt.gender, pt.institution_type, pt.is_synthetic,
               pn.programme_id, pn.edition_number, pn.attendance, pn.is_synthetic, pt.record_key, pn.nominated_on
        FROM participation pn
        JOIN participant pt ON pt.participant_id = pn.participant_id
        ORDER BY pn.programme_id, pn.edition_number, pn.participant_id
        """;

    private readonly Dictionary<(string, int), EditionId> _editions = [];
    private readonly Dictionary<string, CountryCode> _countries = new(StringComparer.Ordinal);

    /// <summary>The participation on the reader's current row of <see cref="Statement"/>.</summary>
    /// <exception cref="InvalidDataException">The store holds an invalid participant id or attendance.</exception>
    public Participation Read(DbDataReader r)
    {
        var idText = r.GetString(0);
        if (!ParticipantId.TryParse(idText, out var id, out var why))
        {
            throw new InvalidDataException($"participant id '{idText}' in the store is invalid: {why}");
        }
        var iso3 = r.GetString(1);
        if (!_countries.TryGetValue(iso3, out var country))
        {
            _countries[iso3] = country = CountryCode.Parse(iso3);
        }
        var programme = r.GetString(5);
        var number = r.GetInt32(6);
        if (!_editions.TryGetValue((programme, number), out var edition))
        {
            _editions[(programme, number)] = edition = EditionId.Of(ProgrammeId.Parse(programme), number);
        }
        var participant = catalogue.CreateParticipant(
            id,
            country,
            GenderText.TryParse(r.GetString(2), out var gender) ? gender : Gender.Unknown,
            r.IsDBNull(3) ? null : r.GetString(3),
            r.GetBoolean(4),
            r.GetInt32(9));
        if (!AttendanceStatusText.TryParse(r.GetString(7), out var status))
        {
            throw new InvalidDataException($"participation of {idText} in {edition} has attendance '{r.GetString(7)}' in the store.");
        }
        return catalogue.CreateParticipation(participant, edition, status, r.GetBoolean(8), r.IsDBNull(10) ? null : r.GetFieldValue<DateOnly>(10));
    }
}
