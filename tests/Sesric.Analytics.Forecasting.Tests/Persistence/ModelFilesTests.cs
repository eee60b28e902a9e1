using System.Text.Json.Nodes;

using Microsoft.ML;

using Sesric.Analytics.Forecasting.Candidates;
using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Forecasting.Persistence;
using Sesric.Analytics.Forecasting.Tests.Fixtures;
using Sesric.Analytics.Model;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Forecasting.Tests.Persistence;

/// <summary>Saving and loading: the card round-trips, and a model that does not match is never used.</summary>
[Collection(SyntheticCollection.Name)]
public sealed class ModelFilesTests(SyntheticForecasterFixture fixture)
{
    [Fact]
    public void CardAndModelsRoundTripAndForecastExactlyAsBefore()
    {
        using var folder = new TempFolder("forecast");
        fixture.Forecaster.Save(folder.Path);

        var loaded = ForecastModelFiles.Load(folder.Path, fixture.Dataset, FixedClock.At2026);

        Assert.False(loaded.Retrained);
        Assert.Equal(ForecastModelFiles.ToJson(fixture.Forecaster.Card), ForecastModelFiles.ToJson(loaded.Forecaster.Card));
        Assert.Equal(File.ReadAllText(Path.Combine(folder.Path, ForecastModelFiles.CardFileName)), ForecastModelFiles.ToJson(loaded.Forecaster.Card));
        Assert.True(File.Exists(Path.Combine(folder.Path, "participants.zip")));
        foreach (var programme in fixture.Dataset.Programmes.Take(5))
        {
            var before = fixture.Forecaster.Forecast(programme);
            var after = loaded.Forecaster.Forecast(programme);
            Assert.Equal(before.Participants!.Point, after.Participants!.Point);
            Assert.Equal(before.MemberStates!.Interval95, after.MemberStates!.Interval95);
        }
    }

    [Fact]
    public void TheCardRecordsWhatWasTrainedOnAndWhatWasChosen()
    {
        var card = ForecastModelFiles.CardFromJson(ForecastModelFiles.ToJson(fixture.Forecaster.Card));
        Assert.Equal(fixture.Dataset.Hash, card.TrainingDataHash);
        Assert.Equal(FixedClock.At2026.GetUtcNow(), card.CreatedAt);
        Assert.Contains("Lag1:Single", card.Features);
        Assert.Contains("Modality:String", card.Features);
        Assert.Equal(ForecastOptions.Default, card.Options with { Candidates = null });
        var participants = card.Targets.Single(t => t.Target == ForecastTarget.Participants);
        Assert.Equal(9, participants.Candidates.Count);
        Assert.Equal(fixture.Forecaster.Backtest!.Participants.Choice, participants.Choice);
        Assert.Equal(fixture.Forecaster.Backtest!.Participants.Interval80, participants.Interval80);
        Assert.Equal("participants.zip", participants.ModelFile);
    }

    [Fact]
    public void ACardWhoseFeatureColumnsDifferIsRefusedNamingTheColumns()
    {
        using var folder = new TempFolder("forecast");
        fixture.Forecaster.Save(folder.Path);
        var cardPath = Path.Combine(folder.Path, ForecastModelFiles.CardFileName);
        var json = JsonNode.Parse(File.ReadAllText(cardPath))!;
        var features = json["features"]!.AsArray();
        features.RemoveAt(features.IndexOf(features.First(f => f!.GetValue<string>() == "Lag2:Single")));
        features.Add("Budget:Single");
        File.WriteAllText(cardPath, json.ToJsonString());

        var error = Assert.Throws<ModelMismatchException>(() => ForecastModelFiles.Load(folder.Path, fixture.Dataset, FixedClock.At2026));
        Assert.Contains("Budget:Single", error.Message, StringComparison.Ordinal);
        Assert.Contains("Lag2:Single", error.Message, StringComparison.Ordinal);
        Assert.Contains("Retrain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AModelFileTrainedOnOtherColumnsIsRefused()
    {
        using var folder = new TempFolder("forecast");
        fixture.Forecaster.Save(folder.Path);

        // A real ML.NET model, but over a different input: it must not be used to predict.
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 20).Select(i => new OtherRow { Label = i, Budget = i * 2f, Lag1 = i }));
        var model = ml.Transforms.Concatenate("Features", nameof(OtherRow.Budget), nameof(OtherRow.Lag1))
            .Append(ml.Regression.Trainers.Sdca(maximumNumberOfIterations: 5)).Fit(data);
        ml.Model.Save(model, data.Schema, Path.Combine(folder.Path, "participants.zip"));

        var error = Assert.Throws<ModelMismatchException>(() => ForecastModelFiles.Load(folder.Path, fixture.Dataset, FixedClock.At2026));
        Assert.Contains("participants.zip reads", error.Message, StringComparison.Ordinal);
        Assert.Contains("Budget:Single", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AModelTrainedOnOtherDataIsRefusedOrRetrainedWhenAsked()
    {
        using var folder = new TempFolder("forecast");
        var small = SyntheticCatalogue.Dataset(programmes: 6, editions: 6);
        Forecaster.Train(small, new ForecastOptions { Candidates = [CandidateCatalog.Sdca] }, FixedClock.At2026).Save(folder.Path);
        var changed = new ForecastDataset(small.Observations.Select(o =>
            o.Edition == EditionId.Of(ProgrammeId.Parse("synthetic-01"), 6) ? o with { Participants = o.Participants + 1 } : o));

        var error = Assert.Throws<ModelMismatchException>(() => ForecastModelFiles.Load(folder.Path, changed, FixedClock.At2026));
        Assert.Contains(small.Hash, error.Message, StringComparison.Ordinal);
        Assert.Contains(changed.Hash, error.Message, StringComparison.Ordinal);

        var retrained = ForecastModelFiles.Load(folder.Path, changed, FixedClock.At2026, ModelLoadPolicy.Retrain);
        Assert.True(retrained.Retrained);
        Assert.Equal(changed.Hash, retrained.Forecaster.Card.TrainingDataHash);
        Assert.StartsWith("retrained", retrained.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderWithoutACardSaysSo()
    {
        using var folder = new TempFolder("forecast");
        var error = Assert.Throws<FileNotFoundException>(() => ForecastModelFiles.Load(folder.Path, fixture.Dataset));
        Assert.Contains(ForecastModelFiles.CardFileName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACardWithAnOutOfRangeOptionIsReportedAsInvalid()
    {
        var json = JsonNode.Parse(ForecastModelFiles.ToJson(fixture.Forecaster.Card))!;
        json["options"]!["trees"] = 0;
        var error = Assert.Throws<InvalidDataException>(() => ForecastModelFiles.CardFromJson(json.ToJsonString()));
        Assert.Contains("Trees", error.Message, StringComparison.Ordinal);
    }

    public sealed class OtherRow
    {
        public float Label { get; set; }

        public float Budget { get; set; }

        public float Lag1 { get; set; }
    }
}
