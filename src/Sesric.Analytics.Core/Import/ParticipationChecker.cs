using System.Globalization;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Import;

/// <summary>
/// Checks participation rows one at a time against a catalogue and against the rows before them
/// (duplicates, a participant whose country or gender changes). Keeps only keys, not rows.
/// </summary>
internal sealed class ParticipationChecker
{
    private readonly Catalogue _catalogue;
    private readonly ProblemList _problems;
    private readonly Dictionary<EditionId, int> _editionIndex;
    private readonly Dictionary<string, SeenParticipant> _participants = new(StringComparer.Ordinal);
    private readonly Dictionary<long, long> _firstLineOfKey = [];

    // Rows repeat the same few programme, edition and country texts: resolve each text once.
    private readonly Dictionary<string, Programme?> _programmeByText = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Country?> _countryByText = new(StringComparer.Ordinal);
    private int[] _columns = [];

    public ParticipationChecker(Catalogue catalogue, ProblemList problems)
    {
        _catalogue = catalogue;
        _problems = problems;
        _editionIndex = catalogue.Editions.Select((e, i) => (e.Id, i)).ToDictionary(x => x.Id, x => x.i);
    }

    /// <summary>Checks the current row; returns the participation when it is valid, else records its problems and returns null.</summary>
    public Participation? Check(CsvTableReader row)
    {
        if (_columns.Length == 0)
        {
            _columns = ParticipationCsv.Columns.Concat(ParticipationCsv.OptionalColumns).Select(row.IndexOf).ToArray();
        }
        var line = row.Line;
        var before = _problems.Items.Count;

        var programmeText = row[_columns[0]].Trim();
        if (!_programmeByText.TryGetValue(programmeText, out var programme))
        {
            programme = ProgrammeId.TryParse(programmeText, out var parsed) && _catalogue.TryGetProgramme(parsed, out var known) ? known : null;
            _programmeByText[programmeText] = programme;
        }
        if (programme is null)
        {
            if (!ProgrammeId.TryParse(programmeText, out _))
            {
                _problems.Add(line, "programme", programmeText, "not a programme id; use the programme's slug, such as diplomacy-cab");
            }
            else
            {
                _problems.Add(line, "programme", programmeText, $"unknown programme: import the programmes first (sesric import programmes FILE, then editions); known programmes: {List(_catalogue.Programmes.Select(p => p.Id.Value))}");
            }
        }

        var editionText = row[_columns[1]].Trim();
        Edition? edition = null;
        if (!int.TryParse(editionText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            _problems.Add(line, "edition", editionText, "not an edition number; use the edition's number within its programme (1, 2, …)");
        }
        else if (programme is not null)
        {
            if (_catalogue.TryGetEdition(new EditionId(programme.Id, number), out var knownEdition))
            {
                edition = knownEdition;
            }
            else
            {
                var numbers = _catalogue.EditionsOf(programme.Id).Select(e => e.Number.ToString(CultureInfo.InvariantCulture));
                _problems.Add(line, "edition", editionText,
                    $"unknown edition: programme {programme.Id} has no edition {number} (known: {List(numbers)}); import the edition first (sesric import editions)");
            }
        }

        var idText = row[_columns[2]].Trim();
        if (!ParticipantId.TryParse(idText, out var participantId, out var idError))
        {
            _problems.Add(line, "participant_id", idText, idError);
        }

        var countryText = row[_columns[3]].Trim();
        if (!_countryByText.TryGetValue(countryText, out var country))
        {
            country = CountryCode.TryParse(countryText, out var parsed) && _catalogue.TryGetCountry(parsed, out var known) ? known : null;
            _countryByText[countryText] = country;
        }
        if (country is null)
        {
            if (!CountryCode.TryParse(countryText, out var code))
            {
                _problems.Add(line, "country_iso3", countryText, "not an ISO 3166 alpha-3 code; use three letters, such as TUR");
            }
            else
            {
                _problems.Add(line, "country_iso3", countryText,
                    $"unknown member state `{code}`: not an OIC member or observer state in the catalogue; use a code listed by `sesric member-states`");
            }
        }

        var genderText = row[_columns[4]];
        if (!GenderText.TryParse(genderText, out var gender))
        {
            _problems.Add(line, "gender", genderText, "unknown gender; use female, male or unknown (f, m or blank also work)");
        }

        var institution = row[_columns[5]].Trim();
        if (institution.Length > 0 && !IsInstitutionCode(institution))
        {
            _problems.Add(line, "institution_type", institution,
                "not an institution type code; use a short code such as mfa, nso or moh (letters, digits, '_' or '-', at most 32), never a name");
        }

        var attendanceText = row[_columns[6]];
        if (!AttendanceStatusText.TryParse(attendanceText, out var status))
        {
            _problems.Add(line, "attendance", attendanceText, "unknown attendance; use attended, completed, registered or no_show (blank means attended)");
        }

        var syntheticText = row[_columns[7]];
        if (!CsvText.TryBool(syntheticText, out var synthetic))
        {
            _problems.Add(line, "synthetic", syntheticText, "not a boolean; use true or false (blank means false)");
        }

        var recordKeyText = row[_columns[8]].Trim();
        int? recordKey = null;
        if (recordKeyText.Length > 0)
        {
            if (long.TryParse(recordKeyText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var key) && RecordKey.IsValid(key))
            {
                recordKey = (int)key;
            }
            else
            {
                _problems.Add(line, "record_key", recordKeyText,
                    $"not a record key; use a whole number from 0 to {RecordKey.Modulus - 1} as written by `sesric export`, or leave it blank for the store to draw one");
            }
        }

        var nominatedText = row[_columns[9]].Trim();
        DateOnly? nominatedOn = null;
        if (nominatedText.Length > 0)
        {
            if (!CsvText.TryDate(nominatedText, out nominatedOn))
            {
                _problems.Add(line, "nominated_on", nominatedText, "not a date; use yyyy-MM-dd, such as 2024-03-15, or leave it blank");
            }
            else if (edition is not null && nominatedOn is { } day && NominationDates.Check(edition, day) is { } why)
            {
                _problems.Add(line, "nominated_on", nominatedText, why);
                nominatedOn = null;
            }
        }

        if (participantId.Value.Length > 0)
        {
            CheckAgainstEarlierRows(line, participantId, edition, country, gender, genderText);
        }

        if (_problems.Items.Count > before || edition is null || country is null)
        {
            return null;
        }
        var participant = _catalogue.CreateParticipant(participantId, country.Code, gender, institution.Length == 0 ? null : institution, synthetic, recordKey);
        return _catalogue.CreateParticipation(participant, edition.Id, status, synthetic, nominatedOn);
    }

    private void CheckAgainstEarlierRows(long line, ParticipantId id, Edition? edition, Country? country, Gender gender, string genderText)
    {
        var genderKnown = Enum.IsDefined(gender);
        if (!_participants.TryGetValue(id.Value, out var seen))
        {
            seen = new SeenParticipant(_participants.Count, country?.Code, genderKnown ? gender : null, line);
            _participants.Add(id.Value, seen);
        }
        else
        {
            if (country is not null && seen.Country is { } firstCountry && firstCountry != country.Code)
            {
                _problems.Add(line, "country_iso3", country.Code.Value,
                    $"participant {id} has country {firstCountry} on line {seen.Line} but {country.Code} here; a participant has one country: correct one of the two rows");
            }
            if (genderKnown && seen.Gender is { } firstGender && firstGender != gender)
            {
                _problems.Add(line, "gender", genderText,
                    $"participant {id} has gender {firstGender.Code()} on line {seen.Line} but {gender.Code()} here; a participant has one gender: correct one of the two rows");
            }
        }
        if (edition is null)
        {
            return;
        }
        var key = (seen.Index * (long)_editionIndex.Count) + _editionIndex[edition.Id];
        if (!_firstLineOfKey.TryAdd(key, line))
        {
            _problems.Add(line, "participant_id", id.Value,
                $"duplicate participant in the same edition: {id} is already in {edition.Id} on line {_firstLineOfKey[key]} (and again on line {line}); keep one row per participant and edition");
        }
    }

    private static bool IsInstitutionCode(string text) =>
        text.Length <= 32 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count == 0 ? "none" : all.Count <= 12 ? string.Join(", ", all) : string.Join(", ", all.Take(12)) + $", … ({all.Count} in all)";
    }

    private readonly record struct SeenParticipant(int Index, CountryCode? Country, Gender? Gender, long Line);
}
