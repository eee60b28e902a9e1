using System.Globalization;
using System.Runtime.InteropServices;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Import;

/// <summary>
/// The one set of rules a participation must meet, whatever it arrived in (a CSV file, a gRPC stream): a valid
/// participant id, a member or observer state the catalogue knows, an existing programme and edition, an institution
/// type code, a nomination date the edition allows; and, against the earlier rows of the same import, one member
/// state and one gender per participant and one row per participant and edition.
/// </summary>
/// <remarks>
/// Rows are checked one at a time and no row is kept: per distinct participant one small entry (its first row, country,
/// gender and first edition), and a (participant, edition) key only for a participant's second and later editions, so
/// memory grows with distinct participants and with the repeat participations, not with the rows (most people in a file
/// come once). A participant is remembered from its first row with a valid id even when that row has other problems,
/// so a later row that disagrees with it is still reported. The fast path (a valid row)
/// allocates only the participation it returns; messages, and the array holding them, are built only for problems.
/// </remarks>
/// <threadsafety>Not thread-safe: one validator per import.</threadsafety>
public sealed class ParticipationValidator
{
    /// <summary>The longest institution type code.</summary>
    public const int MaxInstitutionLength = 32;

    // Distinct country texts are few in real data; the cap keeps a hostile stream of distinct texts from growing the cache.
    private const int MaxCachedCountryTexts = 4_096;

    private readonly Catalogue _catalogue;
    private readonly Func<long, string> _rowName;
    private readonly bool _checkAcrossRows;
    private readonly Dictionary<EditionId, int> _editionIndex;
    private readonly Dictionary<string, SeenParticipant> _participants = new(StringComparer.Ordinal);
    // The row of each (participant, edition) after a participant's first edition, which their entry holds.
    private readonly Dictionary<long, long> _rowOfLaterEdition = [];
    private readonly Dictionary<string, Country?> _countryByText = new(StringComparer.Ordinal);
    private readonly List<ParticipationProblem> _problems = [];

    /// <summary>A validator for one import.</summary>
    /// <param name="catalogue">The programmes, editions and countries rows must refer to.</param>
    /// <param name="rowName">Names a row in messages that point at an earlier row, in the adapter's terms
    /// (<c>line 12</c>, <c>rows[10]</c>); called only when there is a problem to describe.</param>
    public ParticipationValidator(Catalogue catalogue, Func<long, string> rowName)
        : this(catalogue, rowName, checkAcrossRows: true)
    {
    }

    /// <summary>A validator for one import, with or without the checks against earlier rows.</summary>
    /// <param name="catalogue">The programmes, editions and countries rows must refer to.</param>
    /// <param name="rowName">Names a row in messages that point at an earlier row.</param>
    /// <param name="checkAcrossRows">False leaves out the checks against earlier rows (one country and gender per
    /// participant, one row per participant and edition) and keeps nothing per row, for a caller that makes them itself
    /// over the whole import (a store, set-based, with <see cref="AcrossRowsProblem"/>'s wording): memory then stays
    /// flat whatever the number of people.</param>
    public ParticipationValidator(Catalogue catalogue, Func<long, string> rowName, bool checkAcrossRows)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(rowName);
        _catalogue = catalogue;
        _rowName = rowName;
        _checkAcrossRows = checkAcrossRows;
        _editionIndex = catalogue.Editions.Select((e, i) => (e.Id, i)).ToDictionary(x => x.Id, x => x.i);
    }

    /// <summary>Checks one row and remembers its keys for the rows after it.</summary>
    /// <param name="fields">The row's fields.</param>
    /// <param name="row">The row's number in the adapter's terms (a line, an index), passed to the row namer.</param>
    public ParticipationCheck Check(in ParticipationFields fields, long row)
    {
        _problems.Clear();

        var edition = CheckEdition(fields.Programme, fields.EditionNumber);

        var idValid = Model.ParticipantId.TryParse(fields.ParticipantId, out var participantId, out var idError);
        if (!idValid)
        {
            Problem(ParticipationField.ParticipantId, idError);
        }

        var country = CheckCountry(fields.Country);

        var institution = fields.InstitutionType?.Trim();
        if (!string.IsNullOrEmpty(institution) && !IsInstitutionCode(institution))
        {
            Problem(ParticipationField.InstitutionType,
                $"not an institution type code; use a short code such as mfa, nso or moh (letters, digits, '_' or '-', at most {MaxInstitutionLength}), never a name");
        }

        var nominatedOn = fields.NominatedOn;
        if (edition is not null && nominatedOn is { } day && NominationDates.Check(edition, day) is { } why)
        {
            Problem(ParticipationField.NominatedOn, why);
        }

        if (idValid && _checkAcrossRows)
        {
            CheckAgainstEarlierRows(row, participantId, edition, country, fields.Gender);
        }

        if (_problems.Count > 0 || edition is null || country is null || fields.Gender is not { } gender || fields.Attendance is not { } status)
        {
            // A bad row's problems are copied out (the list is reused); a good row's are the shared empty array.
            return new ParticipationCheck(null, _problems.Count == 0 ? [] : _problems.ToArray());
        }
        var participant = _catalogue.CreateParticipant(
            participantId, country.Code, gender, string.IsNullOrEmpty(institution) ? null : institution, fields.IsSynthetic, fields.RecordKey);
        return new ParticipationCheck(_catalogue.CreateParticipation(participant, edition.Id, status, fields.IsSynthetic, nominatedOn), []);
    }

    private Edition? CheckEdition(ProgrammeId? programmeId, int? number)
    {
        if (programmeId is not { } id)
        {
            return null;
        }
        if (!_catalogue.TryGetProgramme(id, out var programme))
        {
            Problem(ParticipationField.Programme,
                $"unknown programme: import the programmes first (sesric import programmes FILE, then editions); known programmes: {List(_catalogue.Programmes.Select(p => p.Id.Value))}");
            return null;
        }
        if (number is not { } n)
        {
            return null;
        }
        if (_catalogue.TryGetEdition(new EditionId(programme.Id, n), out var edition))
        {
            return edition;
        }
        var numbers = _catalogue.EditionsOf(programme.Id).Select(e => e.Number.ToString(CultureInfo.InvariantCulture));
        Problem(ParticipationField.Edition,
            $"unknown edition: programme {programme.Id} has no edition {n} (known: {List(numbers)}); add the edition first (sesric import editions, or UpsertEdition)");
        return null;
    }

    private Country? CheckCountry(string text)
    {
        // Rows repeat the same few country texts: resolve each text once.
        if (!_countryByText.TryGetValue(text, out var country))
        {
            country = CountryCode.TryParse(text, out var parsed) && _catalogue.TryGetCountry(parsed, out var known) ? known : null;
            if (_countryByText.Count < MaxCachedCountryTexts)
            {
                _countryByText[text] = country;
            }
        }
        if (country is null)
        {
            Problem(ParticipationField.Country, CountryCode.TryParse(text, out var code)
                ? $"unknown member state `{code}`: not an OIC member or observer state in the catalogue; use a code listed by `sesric member-states`"
                : "not an ISO 3166 alpha-3 code; use three letters, such as TUR");
        }
        return country;
    }

    private void CheckAgainstEarlierRows(long row, ParticipantId id, Edition? edition, Country? country, Gender? gender)
    {
        var editionIndex = edition is null ? NoEdition : _editionIndex[edition.Id];
        ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(_participants, id.Value, out var exists);
        if (!exists)
        {
            seen = new SeenParticipant(_participants.Count - 1, country, gender, row, editionIndex);
            return;
        }
        if (country is not null && seen.Country is { } firstCountry && firstCountry.Code != country.Code)
        {
            Problem(ParticipationField.Country, AcrossRowsProblem.CountryMessage(id, firstCountry.Code, _rowName(seen.Row), country.Code));
        }
        if (gender is { } here && seen.Gender is { } firstGender && firstGender != here)
        {
            Problem(ParticipationField.Gender, AcrossRowsProblem.GenderMessage(id, firstGender, _rowName(seen.Row), here));
        }
        if (edition is null)
        {
            return;
        }
        long? earlier = null;
        if (seen.FirstEdition == editionIndex)
        {
            earlier = seen.Row;
        }
        else
        {
            // Any other edition (or every edition, when the first row gave none it could check) is keyed here.
            var key = (seen.Index * (long)_editionIndex.Count) + editionIndex;
            if (!_rowOfLaterEdition.TryAdd(key, row))
            {
                earlier = _rowOfLaterEdition[key];
            }
        }
        if (earlier is { } first)
        {
            Problem(ParticipationField.ParticipantId, AcrossRowsProblem.DuplicateMessage(id, edition.Id, _rowName(first), _rowName(row)));
        }
    }

    private void Problem(ParticipationField field, string message) => _problems.Add(new ParticipationProblem(field, message));

    // A loop, not LINQ's All: this runs on every row of a million-row import.
    private static bool IsInstitutionCode(string text)
    {
        if (text.Length > MaxInstitutionLength)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }
        return true;
    }

    private static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count == 0 ? "none" : all.Count <= 12 ? string.Join(", ", all) : string.Join(", ", all.Take(12)) + $", … ({all.Count} in all)";
    }

    private const int NoEdition = -1;

    /// <summary>
    /// What later rows of a participant are checked against: their first row, its country and gender, and its edition
    /// (<see cref="NoEdition"/> when that row gave none it could check). Kept small: there is one per distinct person.
    /// </summary>
    private readonly struct SeenParticipant(int index, Country? country, Gender? gender, long row, int firstEdition)
    {
        private const sbyte NoGender = -1;

        private readonly sbyte _gender = gender is { } g ? (sbyte)g : NoGender;

        public int Index { get; } = index;

        public int FirstEdition { get; } = firstEdition;

        public Country? Country { get; } = country;

        public long Row { get; } = row;

        public Gender? Gender => _gender == NoGender ? null : (Gender)_gender;
    }
}
