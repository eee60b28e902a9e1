using Grpc.Core;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Api.Hosting;
using Sesric.Analytics.Api.Mapping;
using Sesric.Analytics.Api.Paging;
using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.Api.Services;

/// <summary>
/// The catalogue over the store: programmes, editions with published and registry totals, member states. Lists show only
/// the programmes (and their editions) and the member states in the caller's scope; a direct get of one outside it is
/// PERMISSION_DENIED, checked before existence so that a refusal does not tell what exists. A scope of member states sees
/// editions without their totals, which cover every state.
/// </summary>
public sealed class CatalogGrpcService(StoreHost host) : CatalogService.CatalogServiceBase
{
    /// <inheritdoc/>
    public override async Task<ListProgrammesResponse> ListProgrammes(ListProgrammesRequest request, ServerCallContext context)
    {
        var catalogue = await host.GetCatalogueAsync(context.CancellationToken);
        var size = PageToken.Size(request.PageSize, 50, 1000);
        var scope = context.GetCaller().Scope;
        var matching = CatalogFields.Programmes.Apply(catalogue.Programmes.Where(p => scope.Allows(p.Id)), request.Filter, request.OrderBy, "programme_id");
        var page = Page<Model.Programme>.Cut(matching, request.PageToken, size, PageToken.Fingerprint("programmes", request.Filter, request.OrderBy));
        var response = new ListProgrammesResponse { NextPageToken = page.NextPageToken, TotalSize = page.TotalSize };
        response.Programmes.AddRange(page.Items.Select(p => CatalogMapper.ToProto(p, catalogue.EditionsOf(p.Id).Count())));
        return response;
    }

    /// <inheritdoc/>
    public override async Task<GetProgrammeResponse> GetProgramme(GetProgrammeRequest request, ServerCallContext context)
    {
        var id = ResourceNames.ParseProgramme(request.Name, "name")!.Value;
        context.GetCaller().Scope.Require(id);
        var catalogue = await host.GetCatalogueAsync(context.CancellationToken);
        if (!catalogue.TryGetProgramme(id, out var programme))
        {
            throw RpcErrors.NotFound(request.Name, "programme");
        }
        return new GetProgrammeResponse { Programme = CatalogMapper.ToProto(programme, catalogue.EditionsOf(id).Count()) };
    }

    /// <inheritdoc/>
    public override async Task<ListEditionsResponse> ListEditions(ListEditionsRequest request, ServerCallContext context)
    {
        var programme = ResourceNames.ParseProgramme(request.Parent, "parent", allowAny: true);
        var scope = context.GetCaller().Scope;
        if (programme is { } named)
        {
            scope.Require(named);
        }
        var catalogue = await host.GetCatalogueAsync(context.CancellationToken);
        if (programme is { } p && !catalogue.TryGetProgramme(p, out _))
        {
            throw RpcErrors.NotFound(request.Parent, "programme");
        }
        var size = PageToken.Size(request.PageSize, 50, 1000);
        var candidates = programme is { } only ? catalogue.EditionsOf(only) : catalogue.Editions.Where(e => scope.Allows(e.Programme));
        var matching = CatalogFields.Editions.Apply(candidates, request.Filter, request.OrderBy, "programme, edition_number");
        var page = Page<Model.Edition>.Cut(matching, request.PageToken, size, PageToken.Fingerprint("editions", request.Parent, request.Filter, request.OrderBy));
        var statistics = (await host.Store.GetEditionStatisticsAsync(context.CancellationToken)).ToDictionary(s => s.Edition);
        var response = new ListEditionsResponse { NextPageToken = page.NextPageToken, TotalSize = page.TotalSize };
        response.Editions.AddRange(page.Items.Select(e => Totals(CatalogMapper.ToProto(e, statistics.GetValueOrDefault(e.Id)), scope)));
        return response;
    }

    /// <inheritdoc/>
    public override async Task<GetEditionResponse> GetEdition(GetEditionRequest request, ServerCallContext context)
    {
        var id = ResourceNames.ParseEdition(request.Name, "name");
        var scope = context.GetCaller().Scope;
        scope.Require(id.Programme);
        var catalogue = await host.GetCatalogueAsync(context.CancellationToken);
        if (!catalogue.TryGetEdition(id, out var edition))
        {
            throw RpcErrors.NotFound(request.Name, "edition");
        }
        var statistics = (await host.Store.GetEditionStatisticsAsync(context.CancellationToken)).FirstOrDefault(s => s.Edition == id);
        return new GetEditionResponse { Edition = Totals(CatalogMapper.ToProto(edition, statistics), scope) };
    }

    /// <summary>
    /// <paramref name="edition"/> as <paramref name="scope"/> may see it: a scope of member states gets the edition without
    /// its published and registry totals (and their agreement), which count every state's participants; a get of the
    /// edition is not refused, since the rest is the catalogue's description of the edition, not figures.
    /// </summary>
    private static Edition Totals(Edition edition, Semantic.DataScope scope)
    {
        if (scope.MemberStates is not null)
        {
            edition.Published = null;
            edition.Registry = null;
            edition.Agreement = Agreement.Unspecified;
        }
        return edition;
    }

    /// <inheritdoc/>
    public override async Task<ListMemberStatesResponse> ListMemberStates(ListMemberStatesRequest request, ServerCallContext context)
    {
        var catalogue = await host.GetCatalogueAsync(context.CancellationToken);
        var size = PageToken.Size(request.PageSize, 100, 1000);
        var scope = context.GetCaller().Scope;
        var matching = CatalogFields.MemberStates.Apply(catalogue.Countries.Where(c => scope.AllowsMemberState(c.Code)), request.Filter, request.OrderBy, "iso3");
        var page = Page<Model.Country>.Cut(matching, request.PageToken, size, PageToken.Fingerprint("memberStates", request.Filter, request.OrderBy));
        var response = new ListMemberStatesResponse { NextPageToken = page.NextPageToken, TotalSize = page.TotalSize };
        response.MemberStates.AddRange(page.Items.Select(CatalogMapper.ToProto));
        return response;
    }
}
