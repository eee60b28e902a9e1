using System.Runtime.CompilerServices;

using Grpc.Core;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Api.Hosting;
using Sesric.Analytics.Api.Mapping;
using Sesric.Analytics.Api.Paging;
using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Api.Statistics;
using Sesric.Analytics.Application.Coverage;
using Sesric.Analytics.Application.Statistics;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Api.Services;

/// <summary>Statistics through the semantic engine: paged and streamed queries, and coverage, each within the caller's scope.</summary>
public sealed class StatsGrpcService(CallerStatistics statistics, StoreHost host, QueryRunnerOptions runnerOptions) : StatsService.StatsServiceBase
{
    private const int DefaultPageSize = 1000;
    private const int MaxPageSize = 10_000;
    private const int DefaultBatchSize = 500;

    /// <summary>Responses already built from result tables; an entry lives as long as its table (weakly held).</summary>
    private static readonly ConditionalWeakTable<ResultTable, QueryResponse> MappedResponses = new();

    /// <inheritdoc/>
    public override async Task<QueryResponse> Query(QueryRequest request, ServerCallContext context)
    {
        var isInternal = PolicyAccess.IsInternal(request.Policy, context);
        var size = PageToken.Size(request.PageSize, DefaultPageSize, MaxPageSize);
        // The fingerprint (a SHA-256 over the request's text) is needed only to check a page token or to issue one.
        ulong? fingerprint = null;
        ulong Fingerprint() => fingerprint ??= PageToken.Fingerprint(
            "query", string.Join(",", request.Measures), string.Join(",", request.Dimensions), request.Filter, request.OrderBy, isInternal ? "internal" : "public");
        var offset = string.IsNullOrEmpty(request.PageToken) ? 0 : PageToken.Decode(request.PageToken, Fingerprint());
        var query = Semantic.SemanticQuery.FromText(request.Measures, request.Dimensions, request.Filter, request.OrderBy, size, checked((int)offset), Policy(isInternal));
        var table = await statistics.For(context).ExecuteAsync(query, context.CancellationToken);
        QueryResponse Map(ResultTable t)
        {
            var response = new QueryResponse { Metadata = ResultMapper.Metadata(t.Metadata) };
            response.Columns.AddRange(ResultMapper.Columns(t));
            response.Rows.AddRange(ResultMapper.Rows(t, 0, size));
            var next = offset + t.Rows.Count;
            response.NextPageToken = next < t.Metadata.TotalRows ? PageToken.Encode(next, Fingerprint()) : "";
            return response;
        }
        // A table served from the result cache answers one exact request (page included), so the message built
        // from it can be reused as is; messages are only read after this point, which is safe across calls. With the
        // cache off no table comes back twice, so remembering its message would only cost a weak handle per call.
        return runnerOptions.CacheEntries > 0 ? MappedResponses.GetValue(table, Map) : Map(table);
    }

    /// <inheritdoc/>
    public override async Task StreamQuery(StreamQueryRequest request, IServerStreamWriter<StreamQueryResponse> responseStream, ServerCallContext context)
    {
        var isInternal = PolicyAccess.IsInternal(request.Policy, context);
        var batch = PageToken.Size(request.BatchSize, DefaultBatchSize, MaxPageSize, "batch_size");
        var ct = context.CancellationToken;
        var table = await statistics.For(context).ExecuteAsync(Semantic.SemanticQuery.FromText(request.Measures, request.Dimensions, request.Filter, request.OrderBy, policy: Policy(isInternal)), ct);
        var first = new StreamQueryResponse();
        first.Columns.AddRange(ResultMapper.Columns(table));
        var start = 0;
        var message = first;
        do
        {
            ct.ThrowIfCancellationRequested();
            message.Rows.AddRange(ResultMapper.Rows(table, start, batch));
            start += batch;
            if (start >= table.Rows.Count)
            {
                message.Metadata = ResultMapper.Metadata(table.Metadata);
            }
            await responseStream.WriteAsync(message, ct);
            message = new StreamQueryResponse();
        }
        while (start < table.Rows.Count);
    }

    /// <inheritdoc/>
    public override async Task<GetCoverageResponse> GetCoverage(GetCoverageRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var runner = statistics.For(context);
        var programme = ResourceNames.ParseProgramme(request.Programme, "programme", allowAny: true);
        if (programme is { } named)
        {
            runner.Scope.Require(named); // before the existence check, so a refusal does not tell what exists
        }
        if (request.Year is < 0 or > 2100)
        {
            throw RpcErrors.InvalidArgument("year", $"must be 0 (every year) or a year up to 2100, was {request.Year}.");
        }
        var catalogue = await host.GetCatalogueAsync(ct);
        if (programme is { } p && !catalogue.TryGetProgramme(p, out _))
        {
            throw RpcErrors.NotFound(request.Programme, "programme");
        }
        // Never-represented needs every earlier year too, so the year filter applies after counting.
        var represented = await RepresentedMemberStates.ReadAsync(runner, programme, null, ct);
        var withRegistry = (await host.Store.GetEditionStatisticsAsync(ct)).Where(s => s.HasRegistry).Select(s => s.Edition).ToHashSet();
        var response = new GetCoverageResponse();
        response.Coverage.AddRange(CoverageCalculator.Compute(catalogue, represented, withRegistry, programme, request.Year == 0 ? null : request.Year, runner.Scope).Select(CoverageMapper.ToProto));
        return response;
    }

    private static Semantic.DisclosurePolicy Policy(bool isInternal) =>
        isInternal ? Semantic.DisclosurePolicy.Internal : Semantic.DisclosurePolicy.PublicDefault;
}
