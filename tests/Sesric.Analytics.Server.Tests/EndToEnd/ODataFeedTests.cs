using System.Net;
using System.Text.Json;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.OData;
using Microsoft.OData.Edm;

using Sesric.Analytics.Application.Statistics;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Server.Tests.Infrastructure;

using static Sesric.Analytics.Server.Tests.Infrastructure.ODataFeedClient.FeedResult;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>One Kestrel host of the service on the built-in data, shared by the feed's read-only tests.</summary>
public sealed class KestrelServiceFixture : IAsyncLifetime
{
    private ServiceHost? _host;

    /// <summary>The running host.</summary>
    public ServiceHost Host => _host ?? throw new InvalidOperationException("not started");

    /// <inheritdoc/>
    public async Task InitializeAsync() => _host = await ServiceHost.StartKestrelAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

/// <summary>
/// The OData feed read by ODataLib's client-side reader over real HTTP: its <c>$metadata</c>, pages followed through
/// next links, and values compared with the semantic engine's answer to the same query.
/// </summary>
public sealed class ODataFeedTests(KestrelServiceFixture fixture) : IClassFixture<KestrelServiceFixture>
{
    private ServiceHost Host => fixture.Host;

    private IStatisticsEngine Engine => Host.Services.GetRequiredService<IStatisticsEngine>();

    private ODataFeedClient Client(string? key = TestKeys.Reader, bool keyInQuery = false, int? pageSize = null) =>
        new(Host.JsonAddress!, key, keyInQuery) { MaxPageSize = pageSize };

    [Fact]
    public async Task Metadata_is_csdl_the_client_parses_with_every_dimension_and_measure_typed_and_described()
    {
        using var client = Client();
        var model = await client.ReadMetadataAsync();

        var statistics = model.EntityContainer.FindEntitySet("Statistics");
        Assert.NotNull(statistics);
        Assert.NotNull(model.EntityContainer.FindEntitySet("InternalStatistics"));
        var cell = statistics.EntityType;
        var semantic = Engine.Model;
        foreach (var dimension in semantic.Dimensions)
        {
            Assert.True(cell.FindProperty(dimension.Name) is IEdmStructuralProperty { Type.IsNullable: true }, dimension.Name);
        }
        foreach (var measure in semantic.Measures)
        {
            Assert.True(cell.FindProperty(measure.Name) is IEdmStructuralProperty { Type.IsNullable: true }, measure.Name);
        }
        Assert.Equal(EdmPrimitiveTypeKind.Int32, cell.FindProperty("year").Type.PrimitiveKind());
        Assert.Equal(EdmPrimitiveTypeKind.Int64, cell.FindProperty("participants").Type.PrimitiveKind());
        Assert.Equal(EdmPrimitiveTypeKind.Double, cell.FindProperty("female_share").Type.PrimitiveKind());
        Assert.Equal(EdmPrimitiveTypeKind.Date, cell.FindProperty("date").Type.PrimitiveKind());
        Assert.Equal(EdmPrimitiveTypeKind.String, cell.FindProperty("member_state").Type.PrimitiveKind());
        semantic.TryGetMeasure("participants", out var participants);
        Assert.Equal(participants!.Label.English, model.GetDescriptionAnnotation(cell.FindProperty("participants")));

        var services = await client.ReadServiceDocumentAsync(model);
        Assert.Equal(["InternalStatistics", "Statistics"], services.EntitySets.Select(s => s.Name).Order());
    }

    [Fact]
    public async Task Selected_dimensions_and_measures_read_across_pages_equal_the_engines_answer()
    {
        using var client = Client(keyInQuery: true, pageSize: 7);
        var model = await client.ReadMetadataAsync();

        var feed = await client.ReadAllAsync(model, "Statistics?$select=year,member_state,participants&$filter=year ge 2020&$count=true");

        var expected = await Engine.ExecuteAsync(SemanticQuery.Of("participants").By("year", "member_state").Where(FilterExpression.AtLeast("year", 2020)));
        Assert.True(expected.Rows.Count > 14, "the data has too few rows to page");
        Assert.Equal(expected.Rows.Count, feed.Rows.Count);
        Assert.Equal(expected.Metadata.TotalRows, feed.Count);
        Assert.Equal((expected.Rows.Count + 6) / 7, feed.Pages);
        for (var i = 0; i < expected.Rows.Count; i++)
        {
            Assert.Equal(expected.Rows[i][0].Value, (long)(int)Value(feed.Rows[i], "year")!);
            Assert.Equal(expected.Rows[i][1].Value, Value(feed.Rows[i], "member_state"));
            Assert.Equal(expected.Rows[i][2].Value, Value(feed.Rows[i], "participants"));
        }
        Assert.All(feed.NextLinks, link => Assert.DoesNotContain("api_key", link.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Without_select_the_feed_answers_the_documented_default_grouping()
    {
        using var client = Client();
        var model = await client.ReadMetadataAsync();

        var feed = await client.ReadAllAsync(model, "Statistics");

        var expected = await Engine.ExecuteAsync(SemanticQuery.Of("participants").By("programme", "year"));
        Assert.Equal(expected.Rows.Count, feed.Rows.Count);
        Assert.Equal(1, feed.Pages);
        for (var i = 0; i < expected.Rows.Count; i++)
        {
            Assert.Equal(expected.Rows[i][0].Value, Value(feed.Rows[i], "programme"));
            Assert.Equal(expected.Rows[i][1].Value, (long)(int)Value(feed.Rows[i], "year")!);
            Assert.Equal(expected.Rows[i][2].Value, Value(feed.Rows[i], "participants"));
            Assert.Equal($"programme={expected.Rows[i][0].Value};year={expected.Rows[i][1].Value}", Value(feed.Rows[i], "cell"));
            Assert.Null(Value(feed.Rows[i], "member_state"));
        }
    }

    [Fact]
    public async Task Apply_groupby_aggregate_with_filter_orderby_and_top_maps_onto_the_same_query()
    {
        var programme = (string)(await Engine.ExecuteAsync(SemanticQuery.Of("participants").By("programme"))).Rows[0][0].Value!;
        using var client = Client(pageSize: 2);
        var model = await client.ReadMetadataAsync();

        var feed = await client.ReadAllAsync(model,
            $"Statistics?$apply=filter(programme eq '{programme}')/groupby((year),aggregate(participants with sum as total))&$orderby=total desc,year&$top=3");

        var expected = await Engine.ExecuteAsync(SemanticQuery.Of("participants").By("year")
            .Where(FilterExpression.Equal("programme", programme))
            .OrderedBy(new OrderTerm("participants", Descending: true), new OrderTerm("year", Descending: false))
            .Page(3));
        Assert.Equal(3, expected.Rows.Count);
        Assert.Equal(2, feed.Pages);
        Assert.Equal(expected.Rows.Select(r => r[1].Value), feed.Rows.Select(r => Value(r, "total")));
        Assert.Equal(expected.Rows.Select(r => r[0].Value), feed.Rows.Select(r => (object?)(long)(int)Value(r, "year")!));
        Assert.All(feed.Rows, r => Assert.Null(Value(r, "participants")));
    }

    [Fact]
    public async Task Top_and_skip_page_through_the_same_rows_as_the_engines_limit_and_offset()
    {
        using var client = Client(pageSize: 4);
        var model = await client.ReadMetadataAsync();

        var feed = await client.ReadAllAsync(model, "Statistics?$select=year,member_state,participants&$top=10&$skip=5&$count=true");

        var expected = await Engine.ExecuteAsync(SemanticQuery.Of("participants").By("year", "member_state").Page(10, 5));
        Assert.Equal(10, expected.Rows.Count);
        Assert.Equal(3, feed.Pages);
        Assert.Equal(expected.Metadata.TotalRows, feed.Count);
        Assert.Equal(expected.Rows.Select(r => $"year={r[0].Value};member_state={r[1].Value}"), feed.Rows.Select(r => Value(r, "cell")));
        Assert.Equal(expected.Rows.Select(r => r[2].Value), feed.Rows.Select(r => Value(r, "participants")));
    }

    [Fact]
    public async Task Filter_operators_in_not_or_lt_gt_ne_map_onto_the_filter_tree_under_the_internal_policy()
    {
        using var client = Client(TestKeys.Analyst, pageSize: 50);
        var model = await client.ReadMetadataAsync();

        var feed = await client.ReadAllAsync(model,
            "InternalStatistics?$select=year,member_state,participants&$filter=(member_state in ('TUR','EGY','IDN') and not (year lt 2019) and member_state ne 'IDN') or year gt 2024");

        var filter = (FilterExpression.AnyOf("member_state", [FilterValue.Of("TUR"), FilterValue.Of("EGY"), FilterValue.Of("IDN")])
                & !FilterExpression.Compare("year", FilterOperator.Less, FilterValue.Of(2019))
                & FilterExpression.NotEqual("member_state", "IDN"))
            | FilterExpression.Compare("year", FilterOperator.Greater, FilterValue.Of(2024));
        var expected = await Engine.ExecuteAsync(SemanticQuery.Of("participants").By("year", "member_state").Where(filter).WithPolicy(DisclosurePolicy.Internal));
        Assert.Contains(expected.Rows, r => (string?)r[1].Value == "TUR");
        Assert.Equal(expected.Rows.Count, feed.Rows.Count);
        Assert.Equal(expected.Rows.Select(r => $"year={r[0].Value};member_state={r[1].Value}"), feed.Rows.Select(r => Value(r, "cell")));
        Assert.Equal(expected.Rows.Select(r => r[2].Value), feed.Rows.Select(r => Value(r, "participants")));
    }

    [Fact]
    public async Task Internal_values_are_exact_and_public_ones_are_the_public_policys()
    {
        using var analyst = Client(TestKeys.Analyst);
        var model = await analyst.ReadMetadataAsync();

        var internalFeed = await analyst.ReadAllAsync(model, "InternalStatistics?$select=year,gender,participants");
        var publicFeed = await analyst.ReadAllAsync(model, "Statistics?$select=year,gender,participants");

        var query = SemanticQuery.Of("participants").By("year", "gender");
        var exact = await Engine.ExecuteAsync(query.WithPolicy(DisclosurePolicy.Internal));
        var published = await Engine.ExecuteAsync(query);
        Assert.Equal(exact.Rows.Select(r => r[2].Value), internalFeed.Rows.Select(r => Value(r, "participants")));
        Assert.Equal(published.Rows.Select(r => r[2].Value), publicFeed.Rows.Select(r => Value(r, "participants")));
        Assert.NotEqual(exact.Rows.Select(r => r[2].Value), published.Rows.Select(r => r[2].Value)); // perturbation changed something
    }

    [Fact]
    public async Task A_withheld_cell_is_null_with_its_status_and_named_in_the_withheld_column_never_zero()
    {
        var expected = await Engine.ExecuteAsync(SemanticQuery.Of("participants", "editions").By("gender"));
        Assert.Contains(expected.Rows, r => r[2].Status == CellStatus.Suppressed);
        using var client = Client();
        var model = await client.ReadMetadataAsync();

        var feed = await client.ReadAllAsync(model, "Statistics?$select=gender,participants,editions");

        Assert.Equal(expected.Rows.Count, feed.Rows.Count);
        for (var i = 0; i < expected.Rows.Count; i++)
        {
            var editions = Property(feed.Rows[i], "editions")!;
            if (expected.Rows[i][2].Status == CellStatus.Suppressed)
            {
                Assert.Null(editions.Value);
                Assert.Equal("suppressed", Assert.Single(editions.InstanceAnnotations, a => a.Name == "Sesric.Analytics.status").Value is ODataPrimitiveValue p ? p.Value : null);
                Assert.Equal("editions", Value(feed.Rows[i], "withheld"));
            }
            else
            {
                Assert.Equal(expected.Rows[i][2].Value, editions.Value);
            }
        }
    }

    [Theory]
    [InlineData("Statistics?$filter=contains(programme,'dip')&$select=year,participants", "$filter")]
    [InlineData("Statistics?$filter=participants gt 5&$select=year,participants", "$filter")]
    [InlineData("Statistics?$filter=year eq&$select=year,participants", "$filter")]
    [InlineData("Statistics?$filter=member_state ne 'TUR'&$select=year,participants", "$filter")]
    [InlineData("Statistics?$select=year,nonsense", "$select")]
    [InlineData("Statistics?$select=*", "$select")]
    [InlineData("Statistics?$select=year,participants&$orderby=member_state", "$orderby")]
    [InlineData("Statistics?$apply=groupby((year),aggregate(participants with average as mean))", "$apply")]
    [InlineData("Statistics?$apply=groupby((year),aggregate($count as rows))", "$apply")]
    [InlineData("Statistics?$apply=groupby((participants),aggregate(editions with sum as editions))", "$apply")]
    [InlineData("Statistics?$apply=compute(year add 1 as next)", "$apply")]
    [InlineData("Statistics?$expand=programme", "$expand")]
    [InlineData("Statistics?$search=cab", "$search")]
    [InlineData("Statistics?$top=-1", "$top")]
    [InlineData("Statistics?$select=published_participants,member_state", "$select")]
    public async Task An_unsupported_or_bad_clause_is_400_in_the_odata_error_format_naming_it(string url, string clause)
    {
        using var client = Client();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(clause, error.GetProperty("target").GetString());
        Assert.StartsWith(clause + ":", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("INVALID_QUERY", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_filter_the_public_policy_refuses_is_400_there_and_answered_under_the_internal_policy()
    {
        const string Url = "Statistics?$select=year,participants&$filter=member_state ne 'TUR'";
        using var analyst = Client(TestKeys.Analyst);

        using var refused = await analyst.GetAsync(Url);
        using var answered = await analyst.GetAsync("Internal" + Url);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("public policy", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_key_is_accepted_in_the_header_and_in_the_api_key_parameter(bool inQuery)
    {
        using var client = Client(TestKeys.Reader, keyInQuery: inQuery);

        using var response = await client.GetAsync("Statistics?$select=year,participants");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4.0", response.Headers.GetValues("OData-Version").Single());
    }

    [Theory]
    [InlineData(null, "API_KEY_MISSING")]
    [InlineData("not-a-key-at-all", "API_KEY_INVALID")]
    public async Task Without_a_valid_key_every_route_is_401(string? key, string code)
    {
        foreach (var url in new[] { "", "$metadata", "Statistics", "InternalStatistics" })
        {
            using var client = Client(key, keyInQuery: true);

            using var response = await client.GetAsync(url);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.NotEmpty(response.Headers.WwwAuthenticate);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("code").GetString());
            Assert.DoesNotContain("not-a-key-at-all", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_internal_set_needs_the_analyst_role()
    {
        using var reader = Client(TestKeys.Reader);
        using var analyst = Client(TestKeys.Analyst);

        using var refused = await reader.GetAsync("InternalStatistics?$select=year,participants");
        using var answered = await analyst.GetAsync("InternalStatistics?$select=year,participants");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("ROLE_TOO_LOW", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Fact]
    public async Task The_key_parameter_is_accepted_on_the_feed_only_not_on_the_other_json_routes()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Host.JsonAddress!) };

        using var response = await http.GetAsync($"/v1/programmes?api_key={TestKeys.Reader}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_feed_is_not_served_on_the_grpc_port()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Host.GrpcAddress + "/odata/$metadata")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Add("x-api-key", TestKeys.Reader);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_feed_root_answers_with_or_without_its_trailing_slash()
    {
        using var http = new HttpClient();
        foreach (var root in new[] { "/odata", "/odata/" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Host.JsonAddress + root);
            request.Headers.Add("x-api-key", TestKeys.Reader);

            using var response = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"InternalStatistics\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}

/// <summary>The feed's requests draw on the key's one rate-limit bucket.</summary>
public sealed class ODataFeedRateLimitTests
{
    [Fact]
    public async Task Feed_requests_over_the_keys_limit_are_429_with_retry_after()
    {
        await using var host = await ServiceHost.StartKestrelAsync(new Dictionary<string, string?>
        {
            ["Sesric:RequestsPerSecondPerKey"] = "1",
            ["Sesric:BurstPerKey"] = "2",
        });
        using var client = new ODataFeedClient(host.JsonAddress!, TestKeys.Reader, keyInQuery: true);

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add(await client.GetAsync("Statistics?$select=year,participants"));
        }

        var limited = statuses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited);
        Assert.NotNull(limited!.Headers.RetryAfter?.Delta);
        Assert.Equal("RATE_LIMITED", JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        statuses.ForEach(r => r.Dispose());
    }
}
