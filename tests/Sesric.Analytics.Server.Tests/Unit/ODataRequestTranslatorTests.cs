using Microsoft.OData.Edm.Validation;

using Sesric.Analytics.Api.OData;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Server.Tests.Unit;

/// <summary>The feed's URL-to-query translation and next links, without a server.</summary>
public sealed class ODataRequestTranslatorTests
{
    private static readonly ODataFeedModel Feed = new(SemanticModel.Default);
    private static readonly Uri Root = new("http://127.0.0.1:5081/odata/");

    private static ODataFeedQuery Translate(string relative) =>
        ODataRequestTranslator.Translate(Feed, Root, new Uri(Root, relative), DisclosurePolicy.PublicDefault);

    [Fact]
    public void The_feeds_model_passes_odatalibs_csdl_validation()
    {
        Assert.True(Feed.Edm.Validate(out var errors), string.Join("; ", errors.Select(e => $"{e.ErrorCode}: {e.ErrorMessage}")));
    }

    [Fact]
    public void The_default_grouping_is_read_from_the_models_order_and_time_trait()
    {
        Assert.Equal(SemanticQuery.Of("participants").By("programme", "year"), ODataRequestTranslator.DefaultQuery(SemanticModel.Default));
        Assert.Equal(SemanticQuery.Of("participants").By("programme", "year"), Translate("Statistics").Query);
    }

    [Fact]
    public void Select_splits_dimensions_from_measures_and_filter_orderby_map_onto_the_typed_query()
    {
        var request = Translate("Statistics?$select=participants,year,member_state,cell&$filter=2020 le year and member_state in ('TUR','EGY')&$orderby=participants desc&$top=5&$skip=2&$count=true");

        var expected = SemanticQuery.Of("participants").By("year", "member_state")
            .Where(FilterExpression.AtLeast("year", 2020) & FilterExpression.AnyOf("member_state", [FilterValue.Of("TUR"), FilterValue.Of("EGY")]))
            .OrderedBy(new OrderTerm("participants", Descending: true));
        Assert.Equal(expected, request.Query);
        Assert.Equal(["year", "member_state", "participants"], request.Columns.Select(c => c.Name));
        Assert.Equal((5L, 2L, true), (request.Top, request.Skip, request.Count));
    }

    [Fact]
    public void Apply_aliases_name_the_columns_and_order_by_them_orders_by_the_measure()
    {
        var request = Translate("Statistics?$apply=filter(programme eq 'diplomacy-cab')/groupby((year,oic_group),aggregate(participants with sum as people,female_share with sum as women))&$orderby=people");

        Assert.Equal(
            SemanticQuery.Of("participants", "female_share").By("year", "oic_group")
                .Where(FilterExpression.Equal("programme", "diplomacy-cab"))
                .OrderedBy(new OrderTerm("participants", Descending: false)),
            request.Query);
        Assert.Equal([("year", "year"), ("oic_group", "oic_group"), ("people", "participants"), ("women", "female_share")], request.Columns.Select(c => (c.Name, c.Source)));
    }

    [Fact]
    public void Dimensions_alone_are_grouped_with_the_first_measure_which_is_not_written()
    {
        var request = Translate("Statistics?$select=member_state");

        Assert.Equal(SemanticQuery.Of("participants").By("member_state"), request.Query);
        Assert.Equal(["member_state"], request.Columns.Select(c => c.Name));
    }

    [Fact]
    public void The_next_link_moves_skip_and_top_on_and_drops_the_key_parameter_however_it_is_spelled()
    {
        var next = ODataNextLink.For(new Uri("http://127.0.0.1:5081/odata/Statistics?$select=year&API_KEY=s3cret&$top=10&$skip=2&$filter=year%20ge%202020"), 7, 5, "api_key");

        Assert.Equal("http://127.0.0.1:5081/odata/Statistics?$select=year&$filter=year%20ge%202020&$top=5&$skip=7", next.AbsoluteUri);
        Assert.DoesNotContain("s3cret", next.ToString(), StringComparison.Ordinal);
    }
}
