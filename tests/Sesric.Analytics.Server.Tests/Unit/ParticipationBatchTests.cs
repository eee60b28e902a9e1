using Grpc.Core;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Api.Ingestion;
using Sesric.Analytics.Dataset;
using Sesric.Analytics.Model;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Server.Tests.Infrastructure;

using V1 = Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.Server.Tests.Unit;

/// <summary>The gRPC adapter of Core's participation validator: proto rows in, problems named <c>rows[i].field</c> out.</summary>
public sealed class ParticipationBatchTests
{
    private static readonly Catalogue Catalogue = BuiltInDataset.LoadCatalogue();

    private static V1.ParticipationRow Row(string id, string state = "TUR", string edition = "programmes/diplomacy-cab/editions/4", string institution = "mfa") => new()
    {
        ParticipantId = id,
        MemberState = state,
        Edition = edition,
        Gender = V1.Gender.Female,
        AttendanceStatus = V1.AttendanceStatus.Completed,
        InstitutionType = institution,
    };

    private static Google.Rpc.Status Rejection(ParticipationBatch batch)
    {
        var e = Assert.Throws<RpcException>(() => batch.Accept());
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        return e.GetRpcStatus()!;
    }

    [Fact]
    public void Good_rows_are_accepted_as_participations()
    {
        var batch = new ParticipationBatch(Catalogue);
        batch.Add(Row("p-1"));
        batch.Add(Row("p-1", edition: "programmes/diplomacy-cab/editions/5", institution: ""));

        var rows = batch.Accept();

        Assert.Equal([EditionId.Parse("diplomacy-cab/4"), EditionId.Parse("diplomacy-cab/5")], rows.Select(r => r.Edition));
        Assert.Equal(AttendanceStatus.Completed, rows[0].Status);
        Assert.Equal("mfa", rows[0].Participant.InstitutionType);
        Assert.Null(rows[1].Participant.InstitutionType);
    }

    [Fact]
    public void Rows_meet_the_same_rules_as_a_csv_file_named_the_proto_way()
    {
        var batch = new ParticipationBatch(Catalogue);
        batch.Add(Row("p-1"));
        batch.Add(Row("p-2", institution: "Ministry of Foreign Affairs"));
        batch.Add(Row("p-1", state: "SAU", edition: "programmes/diplomacy-cab/editions/5"));
        batch.Add(Row("p-1"));
        batch.Add(Row("p-3", edition: "programmes/diplomacy-cab/editions/99"));
        batch.Add(Row("p-4", edition: "programmes/no-such-programme/editions/1"));

        var status = Rejection(batch);

        Assert.Equal(ErrorReasons.ImportRejected, status.Reason());
        Assert.Equal(
            ["rows[1].institution_type", "rows[2].member_state", "rows[3].participant_id", "rows[4].edition", "rows[5].edition"],
            status.Fields());
        var descriptions = status.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Description).ToList();
        Assert.Contains("use a short code such as mfa", descriptions[0], StringComparison.Ordinal);
        Assert.Contains("participant p-1 has country TUR on rows[0] but SAU here", descriptions[1], StringComparison.Ordinal);
        Assert.Contains("p-1 is already in diplomacy-cab/4 on rows[0] (and again on rows[3])", descriptions[2], StringComparison.Ordinal);
        Assert.Contains("programme diplomacy-cab has no edition 99", descriptions[3], StringComparison.Ordinal);
        Assert.StartsWith("unknown programme", descriptions[4], StringComparison.Ordinal);
        Assert.Equal(5, batch.BadRowCount);
    }

    [Fact]
    public void A_row_lists_its_format_and_catalogue_problems_in_field_order()
    {
        var batch = new ParticipationBatch(Catalogue);
        batch.Add(new V1.ParticipationRow
        {
            ParticipantId = "a@b.org",
            MemberState = "XYZ",
            Edition = "editions/4",
            Gender = (V1.Gender)42,
            AttendanceStatus = (V1.AttendanceStatus)42,
        });

        Assert.Equal(
            ["rows[0].edition", "rows[0].participant_id", "rows[0].member_state", "rows[0].gender", "rows[0].attendance_status"],
            Rejection(batch).Fields());
        Assert.Equal(1, batch.BadRowCount);
        Assert.Equal(5, batch.ProblemCount);
    }

    [Fact]
    public void A_scoped_writer_is_refused_another_programme_before_anything_says_whether_its_edition_exists()
    {
        var batch = new ParticipationBatch(Catalogue, DataScope.Of([ProgrammeId.Parse("diplomacy-cab")]));
        batch.Add(Row("p-1"));

        var e = Assert.Throws<RpcException>(() => batch.Add(Row("p-2", edition: "programmes/oic-statcom/editions/999")));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal(ErrorReasons.OutOfScope, e.GetRpcStatus()!.Reason());
        Assert.StartsWith("rows[1].edition: programme 'oic-statcom' is outside this key's scope", e.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("999", e.Status.Detail, StringComparison.Ordinal);
    }
}
