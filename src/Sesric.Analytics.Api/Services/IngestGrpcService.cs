using Grpc.Core;

using Microsoft.Extensions.Options;

using Sesric.Analytics.Api.Configuration;
using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Api.Hosting;
using Sesric.Analytics.Api.Ingestion;
using Sesric.Analytics.Api.Mapping;
using Sesric.Analytics.Api.Observability;
using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Api.Services;

/// <summary>
/// Ingestion: one import call is one atomic, idempotent batch; editions are upserted one at a time. A scoped writer may
/// write only its programmes' rows and editions; anything else refuses the call before a row is written.
/// </summary>
public sealed class IngestGrpcService(StoreHost host, IOptions<SesricOptions> options, ILogger<IngestGrpcService> logger) : IngestService.IngestServiceBase
{
    private const int MaxRequestIdLength = 128;

    /// <inheritdoc/>
    public override async Task<ImportParticipationsResponse> ImportParticipations(IAsyncStreamReader<ImportParticipationsRequest> requestStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var catalogue = await host.GetCatalogueAsync(ct);
        var batch = new ParticipationBatch(catalogue, context.GetCaller().Scope);
        var requestId = "";
        var maxRows = options.Value.MaxImportRows;
        await foreach (var message in requestStream.ReadAllAsync(ct))
        {
            if (message.RequestId.Length > 0)
            {
                if (requestId.Length == 0 && batch.Count == 0)
                {
                    requestId = CheckRequestId(message.RequestId);
                }
                else if (message.RequestId != requestId)
                {
                    throw RpcErrors.InvalidArgument("request_id", "must be given in the first message and not change within a call.");
                }
            }
            foreach (var row in message.Rows)
            {
                if (batch.Count >= maxRows)
                {
                    throw RpcErrors.ResourceExhausted(ErrorReasons.TooLarge, $"one import call may carry at most {maxRows:N0} rows; split the import into several calls (each with its own request_id).");
                }
                batch.Add(row);
            }
        }
        var rows = batch.Accept();
        ImportOutcome outcome;
        using (ImportTelemetry.Start(rows.Count))
        {
            outcome = await host.Store.ImportParticipationsAsync(rows, new ImportRequest(requestId.Length > 0 ? requestId : null), ct);
        }
        ImportTelemetry.Imported(outcome, rows.Count);
        logger.LogInformation("Imported {Rows} rows (request {ImportRequestId}, replay {WasReplay}): {Inserted} participations inserted",
            batch.Count, requestId, outcome.WasReplay, outcome.Participations.Inserted);
        return new ImportParticipationsResponse
        {
            RowsReceived = batch.Count,
            ParticipationsInserted = outcome.Participations.Inserted,
            ParticipationsUpdated = outcome.Participations.Updated,
            ParticipationsUnchanged = outcome.Participations.Unchanged,
            ParticipantsInserted = outcome.Participants.Inserted,
            ParticipantsUpdated = outcome.Participants.Updated,
            ParticipantsUnchanged = outcome.Participants.Unchanged,
            WasReplay = outcome.WasReplay,
        };
    }

    /// <inheritdoc/>
    public override async Task<UpsertEditionResponse> UpsertEdition(UpsertEditionRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        // A key scoped to member states may never write an edition (its totals count every state): refused before the
        // request is read, like a programme outside the scope.
        var scope = context.GetCaller().Scope;
        scope.RequireEveryMemberState("an edition's published totals");
        var edition = EditionReader.Read(request.Edition);
        scope.Require(edition.Programme);
        var catalogue = await host.GetCatalogueAsync(ct);
        if (!catalogue.TryGetProgramme(edition.Programme, out _))
        {
            throw RpcErrors.NotFound(ResourceNames.Of(edition.Programme), "programme");
        }
        var outcome = await host.Store.UpsertEditionsAsync([edition], ct);
        var statistics = (await host.Store.GetEditionStatisticsAsync(ct)).FirstOrDefault(s => s.Edition == edition.Id);
        return new UpsertEditionResponse { Edition = CatalogMapper.ToProto(edition, statistics), Created = outcome.Inserted > 0 };
    }

    private static string CheckRequestId(string requestId) =>
        requestId.Length <= MaxRequestIdLength && requestId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? requestId
            : throw RpcErrors.InvalidArgument("request_id", $"must be at most {MaxRequestIdLength} characters of letters, digits, '-', '_', '.' or ':' (a UUID is ideal).");
}
