using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>ModelService.GetModel describes the model the engine really answers with, over a real channel.</summary>
public sealed class ModelServiceTests(SharedServiceHost shared) : IClassFixture<SharedServiceHost>
{
    private static readonly Grpc.Core.Metadata Reader = TestKeys.Headers(TestKeys.Reader);

    [Fact]
    public async Task The_model_lists_every_dimension_and_measure_with_its_traits()
    {
        var model = await new ModelService.ModelServiceClient(shared.Host.Channel).GetModelAsync(new GetModelRequest(), Reader);

        Assert.Equal(Semantic.SemanticModel.Default.Dimensions.Select(d => d.Name), model.Dimensions.Select(d => d.Name));
        Assert.Equal(Semantic.SemanticModel.Default.Measures.Select(m => m.Name), model.Measures.Select(m => m.Name));
        var year = model.Dimensions.Single(d => d.Name == "year");
        Assert.Equal((TimeGrain.Year, true, ColumnType.Integer, ValueFormat.Year, DisclosureLevel.Edition), (year.TimeGrain, year.Ordered, year.Type, year.Format, year.DisclosureLevel));
        var state = model.Dimensions.Single(d => d.Name == "member_state");
        Assert.Equal((MemberReference.Country, DisclosureLevel.MemberState, false), (state.Members, state.DisclosureLevel, state.EditionLevel));
        Assert.Equal(DisclosureLevel.Person, model.Dimensions.Single(d => d.Name == "gender").DisclosureLevel);
        Assert.Equal("السنة", year.Label.Ar);
        Assert.Equal(MeasureSource.Published, model.Measures.Single(m => m.Name == "published_participants").Source);
        Assert.Equal(ValueFormat.Percent, model.Measures.Single(m => m.Name == "female_share").Format);
        Assert.Contains("yoy_pct", model.TimeFunctions);
    }

    [Fact]
    public async Task Every_measure_the_model_lists_can_be_queried_by_every_time_dimension_it_lists()
    {
        var model = await new ModelService.ModelServiceClient(shared.Host.Channel).GetModelAsync(new GetModelRequest(), Reader);
        var byYear = model.Dimensions.Single(d => d.TimeGrain == TimeGrain.Year).Name;

        foreach (var measure in model.Measures)
        {
            var response = await shared.Host.Stats.QueryAsync(new QueryRequest { Measures = { measure.Name, $"{model.TimeFunctions[0]}({measure.Name})" }, Dimensions = { byYear } }, Reader);

            Assert.Equal([byYear, measure.Name], response.Columns.Take(2).Select(c => c.Name));
            Assert.Equal(measure.Format, response.Columns[1].Format);
            Assert.NotEmpty(response.Rows);
        }
    }
}
