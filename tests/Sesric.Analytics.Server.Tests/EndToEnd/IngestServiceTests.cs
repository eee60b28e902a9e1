using Grpc.Core;

using Microsoft.Extensions.DependencyInjection;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Api.Hosting;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

public sealed class IngestServiceTests
{
    private static readonly Metadata Admin = TestKeys.Headers(TestKeys.Admin);

    private static ParticipationRow Row(string id, string state = "TUR", int edition = 6) => new()
    {
        ParticipantId = id,
        MemberState = state,
        Edition = $"programmes/diplomacy-cab/editions/{edition}",
        Gender = Gender.Female,
        AttendanceStatus = AttendanceStatus.Attended,
    };

    private static async Task<ImportParticipationsResponse> ImportAsync(ServiceHost host, string requestId, params ParticipationRow[][] messages)
    {
        using var call = host.Ingest.ImportParticipations(Admin);
        foreach (var rows in messages)
        {
            await call.RequestStream.WriteAsync(new ImportParticipationsRequest { RequestId = requestId, Rows = { rows } });
        }
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    private static Task<long> CountAsync(ServiceHost host) =>
        host.Services.GetRequiredService<StoreHost>().Store.CountParticipationsAsync();

    [Fact]
    public async Task A_retried_import_with_the_same_request_id_is_applied_once_and_returns_the_first_answer()
    {
        await using var host = await ServiceHost.StartInMemoryAsync();
        var before = await CountAsync(host);
        ParticipationRow[] rows = [Row("p-retry-1"), Row("p-retry-2", "MYS")];

        var first = await ImportAsync(host, "req-0001", rows[..1], rows[1..]);
        var afterFirst = await CountAsync(host);
        var retry = await ImportAsync(host, "req-0001", rows);

        Assert.Equal(2, first.RowsReceived);
        Assert.Equal(2, first.ParticipationsInserted);
        Assert.False(first.WasReplay);
        Assert.Equal(before + 2, afterFirst);
        Assert.True(retry.WasReplay);
        Assert.Equal(first.ParticipationsInserted, retry.ParticipationsInserted);
        Assert.Equal(afterFirst, await CountAsync(host));
        var edition = await host.Catalog.GetEditionAsync(new GetEditionRequest { Name = "programmes/diplomacy-cab/editions/6" }, Admin);
        Assert.True(edition.Edition.Registry.HasRegistry);
    }

    [Fact]
    public async Task A_request_id_reused_with_other_rows_is_already_exists_and_writes_nothing()
    {
        await using var host = await ServiceHost.StartInMemoryAsync();
        await ImportAsync(host, "req-reused", [Row("p-first-1"), Row("p-first-2", "MYS")]);
        var afterFirst = await CountAsync(host);

        var status = await RpcAssert.Fails(StatusCode.AlreadyExists, () => ImportAsync(host, "req-reused", [Row("p-other-1"), Row("p-other-2", "MYS")]));
        var sameIdOneRowChanged = await RpcAssert.Fails(StatusCode.AlreadyExists, () => ImportAsync(host, "req-reused", [Row("p-first-1"), Row("p-first-2", "SEN")]));

        Assert.Equal(ErrorReasons.RequestIdReused, status.Reason());
        Assert.Contains("req-reused", status.Message, StringComparison.Ordinal);
        Assert.Contains("other rows", status.Message, StringComparison.Ordinal);
        Assert.Equal(["request_id"], status.Fields());
        Assert.Equal(ErrorReasons.RequestIdReused, sameIdOneRowChanged.Reason());
        Assert.Equal(afterFirst, await CountAsync(host));
        Assert.True((await ImportAsync(host, "req-reused", [Row("p-first-1"), Row("p-first-2", "MYS")])).WasReplay);
    }

    [Fact]
    public async Task Statistics_asked_before_an_import_are_recomputed_after_it()
    {
        await using var host = await ServiceHost.StartInMemoryAsync();
        var query = new QueryRequest { Measures = { "participants" }, Filter = "programme = \"diplomacy-cab\" AND year = 2022", Policy = DisclosurePolicy.Internal };
        var before = (await host.Stats.QueryAsync(query, Admin)).Rows[0].Cells[0].IntegerValue;
        Assert.Equal(before, (await host.Stats.QueryAsync(query, Admin)).Rows[0].Cells[0].IntegerValue);

        await ImportAsync(host, "req-cache", [Row("p-cache-1"), Row("p-cache-2", "MYS")]);

        Assert.Equal(before + 2, (await host.Stats.QueryAsync(query, Admin)).Rows[0].Cells[0].IntegerValue);
    }

    [Fact]
    public async Task A_batch_with_bad_rows_writes_nothing_and_lists_every_bad_row_and_field()
    {
        await using var host = await ServiceHost.StartInMemoryAsync();
        var before = await CountAsync(host);
        ParticipationRow[] rows =
        [
            Row("p-good-1"),
            Row("someone@example.org"),
            Row("p-good-2", "XYZ"),
            new ParticipationRow { ParticipantId = "p-good-3", MemberState = "TUR", Edition = "programmes/diplomacy-cab/editions/99" },
            Row("p-good-4"),
        ];

        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, () => ImportAsync(host, "req-bad", rows[..2], rows[2..]));

        Assert.Equal(ErrorReasons.ImportRejected, status.Reason());
        Assert.Equal(["rows[1].participant_id", "rows[2].member_state", "rows[3].edition"], status.Fields());
        Assert.Equal(before, await CountAsync(host));
        // The request id of a rejected batch was not consumed: the corrected batch goes through under it.
        var fixedRows = new[] { rows[0], Row("p-good-5"), Row("p-good-2", "MYS"), Row("p-good-3"), rows[4] };
        var accepted = await ImportAsync(host, "req-bad", fixedRows);
        Assert.False(accepted.WasReplay);
        Assert.Equal(before + 5, await CountAsync(host));
    }

    [Fact]
    public async Task Changing_the_request_id_within_a_call_is_refused()
    {
        await using var host = await ServiceHost.StartInMemoryAsync();
        using var call = host.Ingest.ImportParticipations(Admin);
        await call.RequestStream.WriteAsync(new ImportParticipationsRequest { RequestId = "a", Rows = { Row("p-1") } });
        await call.RequestStream.WriteAsync(new ImportParticipationsRequest { RequestId = "b", Rows = { Row("p-2") } });
        await call.RequestStream.CompleteAsync();

        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, () => call.ResponseAsync);
        Assert.Equal(["request_id"], status.Fields());
    }

    [Fact]
    public async Task UpsertEdition_creates_then_replaces_and_the_catalogue_shows_it()
    {
        await using var host = await ServiceHost.StartInMemoryAsync();
        var edition = new Edition
        {
            Name = "programmes/diplomacy-cab/editions/7",
            Year = 2023,
            StartDate = "2023-10-02",
            EndDate = "2023-10-05",
            Modality = Modality.Hybrid,
            HostCountry = "TUR",
            Published = new PublishedTotals { Participants = 40, SourceUri = "https://example.org/source" },
        };

        var created = await host.Ingest.UpsertEditionAsync(new UpsertEditionRequest { Edition = edition }, Admin);
        edition.Theme = "Public diplomacy";
        var replaced = await host.Ingest.UpsertEditionAsync(new UpsertEditionRequest { Edition = edition }, Admin);
        var read = await host.Catalog.GetEditionAsync(new GetEditionRequest { Name = edition.Name }, Admin);

        Assert.True(created.Created);
        Assert.False(replaced.Created);
        Assert.Equal("Public diplomacy", read.Edition.Theme);
        Assert.Equal(40, read.Edition.Published.Participants);
        Assert.Equal(Agreement.NotComparable, read.Edition.Agreement);
    }

    [Fact]
    public async Task UpsertEdition_refuses_free_text_beyond_its_length_limit_naming_each_field()
    {
        await using var host = await ServiceHost.StartInMemoryAsync();
        var edition = new Edition
        {
            Name = "programmes/diplomacy-cab/editions/7",
            Year = 2023,
            Theme = new string('t', 100_000),
            Notes = new string('n', 100_000),
            HostCity = new string('c', 1_000),
            Partners = { new string('p', 1_000) },
        };

        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, () => host.Ingest.UpsertEditionAsync(new UpsertEditionRequest { Edition = edition }, Admin).ResponseAsync);

        Assert.Equal(["edition.host_city", "edition.theme", "edition.notes", "edition.partners[0]"], status.Fields());
        Assert.Contains("100,000 characters long; at most 1,000", status.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations[1].Description, StringComparison.Ordinal);
        Assert.Null((await host.Catalog.ListEditionsAsync(new ListEditionsRequest { Parent = "programmes/diplomacy-cab" }, Admin)).Editions.FirstOrDefault(e => e.Name == edition.Name && e.Theme.Length > 0));
    }

    [Fact]
    public async Task UpsertEdition_lists_every_bad_field_and_refuses_an_unknown_programme()
    {
        await using var host = await ServiceHost.StartInMemoryAsync();
        var bad = new Edition { Name = "programmes/diplomacy-cab/editions/8", Year = 1900, StartDate = "2023-13-01", EndDate = "2023-10-05", HostCountry = "T1" };

        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, () => host.Ingest.UpsertEditionAsync(new UpsertEditionRequest { Edition = bad }, Admin).ResponseAsync);
        Assert.Equal(["edition.year", "edition.start_date", "edition.host_country"], status.Fields());

        var orphan = new Edition { Name = "programmes/no-such-programme/editions/1", Year = 2024 };
        await RpcAssert.Fails(StatusCode.NotFound, () => host.Ingest.UpsertEditionAsync(new UpsertEditionRequest { Edition = orphan }, Admin).ResponseAsync);
    }
}
