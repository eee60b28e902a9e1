using Grpc.Core;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

public sealed class CatalogServiceTests(SharedServiceHost shared) : IClassFixture<SharedServiceHost>
{
    private static readonly Metadata Reader = TestKeys.Headers(TestKeys.Reader);
    private CatalogService.CatalogServiceClient Catalog => shared.Host.Catalog;

    [Fact]
    public async Task ListProgrammes_paged_one_at_a_time_returns_every_programme_once_in_order()
    {
        var all = await Catalog.ListProgrammesAsync(new ListProgrammesRequest { PageSize = 1000 }, Reader);
        var paged = new List<string>();
        var token = "";
        do
        {
            var page = await Catalog.ListProgrammesAsync(new ListProgrammesRequest { PageSize = 1, PageToken = token }, Reader);
            Assert.True(page.Programmes.Count <= 1);
            paged.AddRange(page.Programmes.Select(p => p.Name));
            token = page.NextPageToken;
        }
        while (token != "");

        Assert.Equal(all.Programmes.Select(p => p.Name), paged);
        Assert.Equal(all.TotalSize, paged.Count);
        Assert.Contains("programmes/diplomacy-cab", paged);
        Assert.Equal(paged.Order(StringComparer.Ordinal), paged);
    }

    [Fact]
    public async Task GetProgramme_returns_names_in_three_languages_and_its_edition_count()
    {
        var response = await Catalog.GetProgrammeAsync(new GetProgrammeRequest { Name = "programmes/diplomacy-cab" }, Reader);

        Assert.Equal("diplomacy-cab", response.Programme.ProgrammeId);
        Assert.Equal("Diplomacy-CaB", response.Programme.ShortName);
        Assert.NotEmpty(response.Programme.DisplayName.Ar);
        Assert.NotEmpty(response.Programme.DisplayName.Fr);
        Assert.Equal(6, response.Programme.EditionCount);
    }

    [Fact]
    public async Task GetProgramme_unknown_is_not_found_and_malformed_is_invalid_argument_naming_the_field()
    {
        var missing = await RpcAssert.Fails(StatusCode.NotFound, () => Catalog.GetProgrammeAsync(new GetProgrammeRequest { Name = "programmes/no-such" }, Reader).ResponseAsync);
        Assert.Equal(ErrorReasons.NotFound, missing.Reason());

        var malformed = await RpcAssert.Fails(StatusCode.InvalidArgument, () => Catalog.GetProgrammeAsync(new GetProgrammeRequest { Name = "Diplomacy CaB" }, Reader).ResponseAsync);
        Assert.Equal(["name"], malformed.Fields());
    }

    [Fact]
    public async Task GetEdition_shows_the_seed_fact_with_published_and_registry_totals_and_the_source()
    {
        var edition = (await Catalog.GetEditionAsync(new GetEditionRequest { Name = "programmes/diplomacy-cab/editions/4" }, Reader)).Edition;

        Assert.Equal(2020, edition.Year);
        Assert.Equal("2020-09-14", edition.StartDate);
        Assert.Equal(Modality.Virtual, edition.Modality);
        Assert.Equal(81, edition.Published.Participants);
        Assert.Equal(29, edition.Published.MemberStates);
        Assert.StartsWith("http", edition.Published.SourceUri);
        Assert.Equal(81, edition.Registry.Participants);
        Assert.Equal(29, edition.Registry.MemberStates);
        Assert.True(edition.Registry.SyntheticParticipations > 0);
        Assert.Equal(Agreement.Agree, edition.Agreement);
    }

    [Fact]
    public async Task Observer_participants_per_edition_are_protected_never_1_or_2()
    {
        var editions = new List<Edition>();
        var request = new ListEditionsRequest { Parent = "programmes/-", PageSize = 100 };
        do
        {
            var page = await Catalog.ListEditionsAsync(request, Reader);
            editions.AddRange(page.Editions);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken != "");

        Assert.NotEmpty(editions);
        Assert.All(editions, e => Assert.DoesNotContain(e.Registry?.ObserverParticipants ?? 0, new long[] { 1, 2 }));
    }

    [Fact]
    public async Task GetEdition_with_unknown_figures_keeps_them_absent()
    {
        var edition = (await Catalog.GetEditionAsync(new GetEditionRequest { Name = "programmes/diplomacy-cab/editions/2" }, Reader)).Edition;

        Assert.False(edition.Published.HasParticipants);
        Assert.Equal("", edition.StartDate);
    }

    [Fact]
    public async Task ListEditions_filters_orders_and_pages_across_programmes()
    {
        var request = new ListEditionsRequest { Parent = "programmes/-", Filter = "year >= 2020 AND modality = \"virtual\"", OrderBy = "year desc, programme", PageSize = 2 };
        var names = new List<string>();
        var years = new List<int>();
        do
        {
            var page = await Catalog.ListEditionsAsync(request, Reader);
            names.AddRange(page.Editions.Select(e => e.Name));
            years.AddRange(page.Editions.Select(e => e.Year));
            Assert.All(page.Editions, e => Assert.Equal(Modality.Virtual, e.Modality));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken != "");

        Assert.Contains("programmes/diplomacy-cab/editions/4", names);
        Assert.All(years, y => Assert.True(y >= 2020));
        Assert.Equal(years.OrderDescending(), years);
    }

    [Fact]
    public async Task ListEditions_of_one_programme_lists_only_its_editions()
    {
        var page = await Catalog.ListEditionsAsync(new ListEditionsRequest { Parent = "programmes/diplomacy-cab" }, Reader);

        Assert.Equal(6, page.TotalSize);
        Assert.Equal(Enumerable.Range(1, 6), page.Editions.Select(e => e.EditionNumber));
    }

    [Fact]
    public async Task A_page_token_replayed_with_another_filter_is_refused()
    {
        var first = await Catalog.ListEditionsAsync(new ListEditionsRequest { Parent = "programmes/-", PageSize = 3 }, Reader);
        Assert.NotEmpty(first.NextPageToken);

        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, () => Catalog.ListEditionsAsync(
            new ListEditionsRequest { Parent = "programmes/-", PageSize = 3, PageToken = first.NextPageToken, Filter = "year > 2000" }, Reader).ResponseAsync);
        Assert.Equal(ErrorReasons.InvalidPageToken, status.Reason());
        Assert.Equal(["page_token"], status.Fields());

        var garbage = await RpcAssert.Fails(StatusCode.InvalidArgument, () => Catalog.ListEditionsAsync(
            new ListEditionsRequest { Parent = "programmes/-", PageToken = "not-a-token!" }, Reader).ResponseAsync);
        Assert.Equal(ErrorReasons.InvalidPageToken, garbage.Reason());
    }

    [Theory]
    [InlineData("year >>= 2020")]
    [InlineData("colour = \"red\"")]
    [InlineData("year >= 2020 AND")]
    [InlineData("year = \"2020\"")]
    [InlineData("theme = \"unterminated")]
    public async Task A_bad_filter_is_invalid_argument_on_the_filter_field(string filter)
    {
        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, () => Catalog.ListEditionsAsync(
            new ListEditionsRequest { Parent = "programmes/-", Filter = filter }, Reader).ResponseAsync);
        Assert.Equal(["filter"], status.Fields());
    }

    [Fact]
    public async Task ListEditions_filter_takes_or_not_and_parentheses_and_a_bad_one_names_the_position()
    {
        var page = await Catalog.ListEditionsAsync(new ListEditionsRequest
        {
            Parent = "programmes/-",
            Filter = "NOT (modality = \"virtual\" OR modality = \"hybrid\") AND year >= 2020",
            PageSize = 1000,
        }, Reader);
        Assert.Equal(["programmes/oic-statcom-follow-up/editions/1", "programmes/oic-statcom-follow-up/editions/2"], page.Editions.Select(e => e.Name));
        Assert.Equal(2, page.TotalSize);

        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, () => Catalog.ListEditionsAsync(
            new ListEditionsRequest { Parent = "programmes/-", Filter = "year >= 2020 AND colour = \"red\"" }, Reader).ResponseAsync);
        var violation = Assert.Single(status.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations);
        Assert.Equal("filter", violation.Field);
        Assert.Contains("unknown field 'colour' at position 17", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListMemberStates_lists_57_members_and_the_observers_with_groups_and_suspensions()
    {
        var all = await Catalog.ListMemberStatesAsync(new ListMemberStatesRequest { PageSize = 1000 }, Reader);
        var members = await Catalog.ListMemberStatesAsync(new ListMemberStatesRequest { Filter = "kind = \"member\"", PageSize = 1000 }, Reader);

        Assert.Equal(57, members.TotalSize);
        Assert.True(all.TotalSize > 57);
        var syria = Assert.Single(all.MemberStates, s => s.Iso3 == "SYR");
        Assert.Equal("memberStates/SYR", syria.Name);
        Assert.Equal(OicGroup.Arab, syria.OicGroup);
        Assert.Contains(syria.Suspensions, s => s.SuspendedFrom.StartsWith("2012", StringComparison.Ordinal) && s.RestoredOn == "2025-03-07");
    }
}
