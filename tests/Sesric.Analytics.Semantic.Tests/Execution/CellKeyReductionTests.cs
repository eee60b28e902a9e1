using Sesric.Analytics.Dataset;
using Sesric.Analytics.Semantic.Tests.Support;

namespace Sesric.Analytics.Semantic.Tests.Execution;

/// <summary>
/// DuckDB reduces cell keys modulo 2^24 with a bit mask instead of <c>%</c> (its HUGEINT modulo is slow); on real sums,
/// single and distinct (person tokens reach 2^44 and their sums far more), the mask gives every cell the same key as
/// the modulo, so every published value is unchanged.
/// </summary>
public sealed class CellKeyReductionTests : IAsyncLifetime
{
    private TempStore _temp = null!;

    public async Task InitializeAsync()
    {
        _temp = await TempStore.CreateAsync();
        var data = ScaleGenerator.Generate(new ScaleOptions(6_000, Seed: 5, Programmes: 3, EditionsPerProgramme: 5));
        await _temp.Store.UpsertProgrammesAsync(data.Catalogue.Programmes.ToArray());
        await _temp.Store.UpsertCountriesAsync(data.Catalogue.Countries.ToArray());
        await _temp.Store.UpsertEditionsAsync(data.Catalogue.Editions.ToArray());
        await _temp.Store.ImportParticipationsAsync(data.Participations, Storage.ImportRequest.Default);
    }

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Theory]
    [InlineData("member_state,gender", "participants,returning_share")]
    [InlineData("year,oic_group", "participants,female_share")]
    [InlineData("edition,member_state", "participants,participations")]
    [InlineData("oic_group", "participants,female_share,returning_share")]
    public async Task The_mask_and_the_modulo_give_every_cell_the_same_key(string by, string measures)
    {
        var statement = new QueryEngine(_temp.Store).Compile(SemanticQuery.Of(measures.Split(',')).By(by.Split(',')));
        Assert.Contains("& 16777215", statement.Sql, StringComparison.Ordinal);
        var modulo = statement with { Sql = statement.Sql.Replace(") & 16777215 AS BIGINT)", ") % 16777216 AS BIGINT)", StringComparison.Ordinal) };

        var masked = await _temp.Store.QueryAsync(statement);
        var reduced = await _temp.Store.QueryAsync(modulo);

        Assert.True(masked.RowCount > 1);
        var keys = masked.Columns.Select((name, i) => (name, i)).Where(c => c.name.EndsWith("_key", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(keys);
        foreach (var (name, i) in keys)
        {
            var values = Enumerable.Range(0, masked.RowCount).Select(r => masked.ColumnData[i].GetValue(r)).ToArray();
            Assert.Equal(Enumerable.Range(0, reduced.RowCount).Select(r => reduced.ColumnData[i].GetValue(r)), values);
            Assert.All(values, v => Assert.InRange((long)v!, 0, Sesric.Analytics.Model.RecordKey.Modulus - 1));
            Assert.True(values.Distinct().Count() > 1, $"{name}: keys all alike, nothing compared");
        }
    }
}
