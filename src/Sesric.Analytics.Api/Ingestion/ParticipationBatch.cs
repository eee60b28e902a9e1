using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Api.Mapping;
using Sesric.Analytics.Import;
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
/// The rules are Core's <see cref="ParticipationValidator"/>, the same the CSV import applies (a participant
/// repeated in the batch keeps one member state and gender; a (participant, edition) pair appears once); this
/// class only reads the proto row and names fields the proto's way. A row of a programme or member state outside the writer's scope refuses the whole call
/// (PERMISSION_DENIED naming the row and the programme or state).</remarks>
/// <param name="catalogue">The catalogue rows are checked against.</param>
/// <param name="scope">The programmes and member states the writer may import (default: all).</param>
public sealed class ParticipationBatch(Catalogue catalogue, DataScope? scope = null)
{
    private readonly DataScope _scope = scope ?? DataScope.All;
    private readonly ParticipationValidator _validator = new(catalogue, index => $"rows[{index}]");
    private readonly List<Participation> _rows = [];
    private readonly List<RpcErrors.FieldProblem> _problems = [];
    private readonly List<ParticipationProblem> _rowProblems = [];

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
        ArgumentNullException.ThrowIfNull(row);
        var index = Count++;
        _rowProblems.Clear();

        var edition = ReadEdition(row.Edition, index);
        // Like a programme: a writer scoped to some states has no business with another state's participants.
        if (CountryCode.TryParse(row.MemberState, out var state) && !_scope.AllowsMemberState(state))
        {
            throw RpcErrors.PermissionDenied(ErrorReasons.OutOfScope,
                $"rows[{index}].member_state: member state '{state}' is outside this key's scope ({_scope}); nothing was imported.");
        }
        Gender? gender = Enum.IsDefined(row.Gender) ? MapToGender(row.Gender) : null;
        if (gender is null)
        {
            _rowProblems.Add(new(ParticipationField.Gender, $"{(int)row.Gender} is not a Gender value."));
        }
        AttendanceStatus? attendance = Enum.IsDefined(row.AttendanceStatus) ? MapToAttendance(row.AttendanceStatus) : null;
        if (attendance is null)
        {
            _rowProblems.Add(new(ParticipationField.Attendance, $"{(int)row.AttendanceStatus} is not an AttendanceStatus value."));
        }

        var fields = new ParticipationFields(
            row.ParticipantId, row.MemberState, edition?.Programme, edition?.Number, gender, row.InstitutionType, attendance, row.Synthetic);
        var check = _validator.Check(fields, index);
        if (_rowProblems.Count == 0 && check.Problems.Count == 0 && check.Participation is { } participation)
        {
            _rows.Add(participation);
            return;
        }
        _rowProblems.AddRange(check.Problems);
        ParticipationProblem.SortByField(_rowProblems);
        BadRowCount++;
        foreach (var problem in _rowProblems)
        {
            ProblemCount++;
            // Only the first problems are kept: an error lists no more, and 100,000 bad rows must not hold 100,000 messages.
            if (_problems.Count < RpcErrors.MaxListedProblems)
            {
                _problems.Add(new RpcErrors.FieldProblem($"rows[{index}].{FieldName(problem.Field)}", problem.Message));
            }
        }
    }

    private EditionId? ReadEdition(string name, long index)
    {
        EditionId? edition = null;
        if (name.Split('/') is ["programmes", _, "editions", _])
        {
            try
            {
                edition = ResourceNames.ParseEdition(name, "edition");
            }
            catch (Grpc.Core.RpcException)
            {
                // Reported below, in the same words as a name of the wrong shape.
            }
        }
        if (edition is not { } named)
        {
            _rowProblems.Add(new(ParticipationField.Edition, $"'{Echo.Of(name)}' is not programmes/{{programme}}/editions/{{number}}."));
            return null;
        }
        // Refused outright (not listed as a row problem): a scoped writer has no business with the other
        // programme, and the refusal comes before the existence check so it does not tell what exists.
        if (!_scope.Allows(named.Programme))
        {
            throw RpcErrors.PermissionDenied(ErrorReasons.OutOfScope,
                $"rows[{index}].edition: programme '{named.Programme}' is outside this key's scope ({_scope}); nothing was imported.");
        }
        return named;
    }

    private static Gender MapToGender(V1.Gender gender) =>
        gender switch { V1.Gender.Female => Gender.Female, V1.Gender.Male => Gender.Male, _ => Gender.Unknown };

    private static AttendanceStatus MapToAttendance(V1.AttendanceStatus status) => status switch
    {
        V1.AttendanceStatus.Registered => AttendanceStatus.Registered,
        V1.AttendanceStatus.Completed => AttendanceStatus.Completed,
        V1.AttendanceStatus.NoShow => AttendanceStatus.NoShow,
        _ => AttendanceStatus.Attended,
    };

    // The proto's field names; the programme is part of the edition's resource name.
    private static string FieldName(ParticipationField field) => field switch
    {
        ParticipationField.Programme or ParticipationField.Edition => "edition",
        ParticipationField.ParticipantId => "participant_id",
        ParticipationField.Country => "member_state",
        ParticipationField.Gender => "gender",
        ParticipationField.InstitutionType => "institution_type",
        ParticipationField.Attendance => "attendance_status",
        ParticipationField.Synthetic => "synthetic",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "the gRPC row has no such field"),
    };

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
