using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Api.Mapping;
using Sesric.Analytics.Model;
using Sesric.Analytics.Semantic;

using V1 = Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.Api.Ingestion;

/// <summary>
/// Checks every row of an import call against the catalogue before anything is written, collecting
/// every problem with its row index and field (<c>rows[12].member_state</c>), so one INVALID_ARGUMENT
/// can list them all.
/// </summary>
/// <remarks>Rows are numbered across the whole call (0-based), whichever stream message carried them.
/// A participant repeated in the batch must keep one member state and gender; an (participant, edition)
/// pair may appear once. A row of a programme outside the writer's scope refuses the whole call (PERMISSION_DENIED
/// naming the row and the programme).</remarks>
/// <param name="catalogue">The catalogue rows are checked against.</param>
/// <param name="scope">The programmes the writer may import into (default: all).</param>
public sealed class ParticipationBatch(Catalogue catalogue, DataScope? scope = null)
{
    private readonly DataScope _scope = scope ?? DataScope.All;
    private const int MaxInstitutionLength = 64;
    private readonly List<Participation> _rows = [];
    private readonly List<RpcErrors.FieldProblem> _problems = [];
    private readonly Dictionary<ParticipantId, Participant> _participants = [];
    private readonly HashSet<(ParticipantId, EditionId)> _keys = [];

    /// <summary>Rows read so far, good and bad.</summary>
    public long Count { get; private set; }

    /// <summary>The first problems found (at most <see cref="RpcErrors.MaxListedProblems"/>; <see cref="ProblemCount"/> counts them all).</summary>
    public IReadOnlyList<RpcErrors.FieldProblem> Problems => _problems;

    /// <summary>How many problems were found, listed or not.</summary>
    public long ProblemCount { get; private set; }

    /// <summary>How many rows have at least one problem.</summary>
    public long BadRowCount { get; private set; }

    /// <summary>Checks one row and keeps it when good.</summary>
    public void Add(V1.ParticipationRow row)
    {
        var index = Count++;
        var before = ProblemCount;
        // Only the first problems are kept: an error lists no more, and 100,000 bad rows must not hold 100,000 messages.
        void Problem(string field, string description)
        {
            if (ProblemCount++ == before)
            {
                BadRowCount++;
            }
            if (_problems.Count < RpcErrors.MaxListedProblems)
            {
                _problems.Add(new RpcErrors.FieldProblem($"rows[{index}].{field}", description));
            }
        }

        if (!ParticipantId.TryParse(row.ParticipantId, out var id, out var idError))
        {
            Problem("participant_id", idError);
        }
        Country? country = null;
        if (!CountryCode.TryParse(row.MemberState, out var code))
        {
            Problem("member_state", $"'{Echo.Of(row.MemberState)}' is not an ISO 3166 alpha-3 code such as TUR.");
        }
        else if (!catalogue.TryGetCountry(code, out var known))
        {
            Problem("member_state", $"'{code}' is not an OIC member or observer state in the catalogue.");
        }
        else
        {
            country = known;
        }
        Edition? edition = null;
        var parts = row.Edition.Split('/');
        if (parts is not ["programmes", _, "editions", _])
        {
            Problem("edition", $"'{Echo.Of(row.Edition)}' is not programmes/{{programme}}/editions/{{number}}.");
        }
        else
        {
            EditionId? editionId = null;
            try
            {
                editionId = ResourceNames.ParseEdition(row.Edition, "edition");
            }
            catch (Grpc.Core.RpcException)
            {
                Problem("edition", $"'{Echo.Of(row.Edition)}' is not programmes/{{programme}}/editions/{{number}}.");
            }
            if (editionId is { } named)
            {
                // Refused outright (not listed as a row problem): a scoped writer has no business with the other
                // programme, and the refusal comes before the existence check so it does not tell what exists.
                if (!_scope.Allows(named.Programme))
                {
                    throw RpcErrors.PermissionDenied(ErrorReasons.OutOfScope,
                        $"rows[{index}].edition: programme '{named.Programme}' is outside this key's scope ({_scope}); nothing was imported.");
                }
                if (catalogue.TryGetEdition(named, out var knownEdition))
                {
                    edition = knownEdition;
                }
                else
                {
                    Problem("edition", $"'{Echo.Of(row.Edition)}' does not exist; create it with UpsertEdition first.");
                }
            }
        }
        if (!Enum.IsDefined(row.Gender))
        {
            Problem("gender", $"{(int)row.Gender} is not a Gender value.");
        }
        if (!Enum.IsDefined(row.AttendanceStatus))
        {
            Problem("attendance_status", $"{(int)row.AttendanceStatus} is not an AttendanceStatus value.");
        }
        if (row.InstitutionType.Length > MaxInstitutionLength)
        {
            Problem("institution_type", $"is {row.InstitutionType.Length} characters long; at most {MaxInstitutionLength} are allowed.");
        }
        if (ProblemCount > before || country is null || edition is null)
        {
            return;
        }

        var gender = row.Gender switch { V1.Gender.Female => Gender.Female, V1.Gender.Male => Gender.Male, _ => Gender.Unknown };
        var participant = catalogue.CreateParticipant(id, country.Code, gender, row.InstitutionType, row.Synthetic);
        if (_participants.TryGetValue(id, out var earlier))
        {
            if (earlier.Country != participant.Country || earlier.Gender != participant.Gender)
            {
                Problem("participant_id", $"'{id}' appears earlier in this batch with member state {earlier.Country} and gender {earlier.Gender.Code()}; one participant keeps one of each.");
                return;
            }
            participant = earlier;
        }
        else
        {
            _participants.Add(id, participant);
        }
        if (!_keys.Add((id, edition.Id)))
        {
            Problem("edition", $"participant '{id}' is already listed for {row.Edition} in this batch.");
            return;
        }
        var status = row.AttendanceStatus switch
        {
            V1.AttendanceStatus.Registered => AttendanceStatus.Registered,
            V1.AttendanceStatus.Completed => AttendanceStatus.Completed,
            V1.AttendanceStatus.NoShow => AttendanceStatus.NoShow,
            _ => AttendanceStatus.Attended,
        };
        _rows.Add(catalogue.CreateParticipation(participant, edition.Id, status, row.Synthetic));
    }

    /// <summary>The checked rows, or INVALID_ARGUMENT listing the first problems (and counting all) when any row was bad.</summary>
    public IReadOnlyList<Participation> Accept()
    {
        if (ProblemCount > 0)
        {
            Telemetry.SesricTelemetry.RowsRejected.Add(BadRowCount);
            throw RpcErrors.InvalidArgument(
                $"{BadRowCount:N0} of {Count:N0} row(s) are invalid ({ProblemCount:N0} problem(s)); nothing was imported. See the BadRequest details for each row and field.",
                _problems,
                ErrorReasons.ImportRejected,
                ProblemCount);
        }
        return _rows;
    }
}
