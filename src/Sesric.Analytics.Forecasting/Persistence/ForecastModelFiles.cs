using System.Text.Json;
using System.Text.Json.Serialization;

using Microsoft.ML;
using Microsoft.ML.Data;

using Sesric.Analytics.Forecasting.Candidates;
using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Forecasting.Features;

namespace Sesric.Analytics.Forecasting.Persistence;

/// <summary>
/// Saves and loads a trained forecaster as a folder: <c>model-card.json</c> and, for each target whose chosen
/// candidate is an ML.NET model, an ML.NET <c>.zip</c> (<c>participants.zip</c>, <c>member-states.zip</c>).
/// </summary>
/// <remarks>
/// Loading checks, before anything is predicted: the card format, the feature schema version and columns, each
/// .zip's input columns against this build's, that every named candidate exists, and that the card's training data
/// hash equals the current dataset's. Any difference refuses (or retrains, when asked): a model never predicts from
/// the wrong columns, and a card never describes data it was not trained on.
/// </remarks>
public static class ForecastModelFiles
{
    /// <summary>The card's file name.</summary>
    public const string CardFileName = "model-card.json";

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The ML.NET file name for <paramref name="target"/>.</summary>
    public static string ModelFileName(ForecastTarget target) => target == ForecastTarget.MemberStates ? "member-states.zip" : "participants.zip";

    /// <summary>The card as JSON (snake_case, indented; the same card gives the same text).</summary>
    public static string ToJson(ModelCard card) => JsonSerializer.Serialize(card, s_json);

    /// <summary>Reads a card from JSON.</summary>
    /// <exception cref="InvalidDataException">The text is not a model card.</exception>
    public static ModelCard CardFromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelCard>(json, s_json) ?? throw new InvalidDataException("the model card is empty.");
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // ArgumentException: an option out of range (options check themselves when set).
            throw new InvalidDataException($"the model card is not valid: {e.Message}", e);
        }
    }

    /// <summary>Reads only the card of a saved forecaster (no ML.NET needed to show it).</summary>
    public static ModelCard ReadCard(string directory)
    {
        var path = Path.Combine(directory, CardFileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no forecast model in '{directory}': {CardFileName} is missing. Train one first.", path);
        }
        return CardFromJson(File.ReadAllText(path));
    }

    /// <summary>Writes the card and the ML.NET files into <paramref name="directory"/> (created if missing; files replaced).</summary>
    public static void Save(TrainedForecaster forecaster, string directory)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        Directory.CreateDirectory(directory);
        var ml = MlCandidate.NewContext(forecaster.Card.Options);
        var schema = ml.Data.LoadFromEnumerable(Array.Empty<FeatureRow>()).Schema;
        foreach (var target in forecaster.Card.Targets)
        {
            var path = Path.Combine(directory, ModelFileName(target.Target));
            if (forecaster.ModelFor(target.Target) is { } model)
            {
                ml.Model.Save(model, schema, path);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        File.WriteAllText(Path.Combine(directory, CardFileName), ToJson(forecaster.Card));
    }

    /// <summary>
    /// Loads a saved forecaster for <paramref name="dataset"/>, checking it first. On a mismatch, <paramref name="policy"/>
    /// decides: refuse (throw <see cref="ModelMismatchException"/>) or retrain with the saved options.
    /// </summary>
    /// <exception cref="FileNotFoundException">The folder has no model card.</exception>
    /// <exception cref="ModelMismatchException">The model does not match and the policy is <see cref="ModelLoadPolicy.Refuse"/>.</exception>
    public static ModelLoadResult Load(string directory, ForecastDataset dataset, TimeProvider? clock = null, ModelLoadPolicy policy = ModelLoadPolicy.Refuse)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        clock ??= TimeProvider.System;
        var card = ReadCard(directory);
        var differences = CheckCard(card, dataset);
        var models = new Dictionary<ForecastTarget, ITransformer?>();
        if (differences.Count == 0)
        {
            var ml = MlCandidate.NewContext(card.Options);
            foreach (var target in card.Targets)
            {
                models[target.Target] = target.ModelFile is null ? null : LoadModel(ml, directory, target, differences);
            }
        }
        if (differences.Count > 0)
        {
            if (policy == ModelLoadPolicy.Refuse)
            {
                throw new ModelMismatchException(directory, differences);
            }
            var retrained = Forecaster.Train(dataset, card.Options, clock);
            return new ModelLoadResult(retrained, true, $"retrained: the saved model did not match ({string.Join("; ", differences)}).");
        }
        return new ModelLoadResult(new TrainedForecaster(dataset, card, models, null, clock), false, $"loaded model {card.ModelVersion} trained at {card.CreatedAt:O}.");
    }

    private static List<string> CheckCard(ModelCard card, ForecastDataset dataset)
    {
        var differences = new List<string>();
        if (card.FormatVersion != ModelCard.CurrentFormatVersion)
        {
            differences.Add($"card format {card.FormatVersion}, this build reads {ModelCard.CurrentFormatVersion}");
        }
        if (card.FeatureSchemaVersion != FeatureSchema.Version)
        {
            differences.Add($"feature schema version {card.FeatureSchemaVersion}, this build uses {FeatureSchema.Version}");
        }
        CompareColumns("the card lists", card.Features ?? [], differences);
        if (card.TrainingDataHash != dataset.Hash)
        {
            differences.Add($"trained on data with hash {card.TrainingDataHash}, the current data's hash is {dataset.Hash}");
        }
        foreach (var target in new[] { ForecastTarget.Participants, ForecastTarget.MemberStates })
        {
            var part = card.Targets?.FirstOrDefault(t => t.Target == target);
            if (part is null)
            {
                differences.Add($"the card has no {target.Code()} part");
            }
            else if (!CandidateCatalog.All.Any(c => c.Name == part.Choice.Candidate))
            {
                differences.Add($"{target.Code()}: chosen candidate '{part.Choice.Candidate}' is unknown to this build");
            }
            else if ((CandidateCatalog.Get(part.Choice.Candidate).Kind == CandidateKind.MachineLearning) != (part.ModelFile is not null))
            {
                differences.Add($"{target.Code()}: candidate '{part.Choice.Candidate}' and model file '{part.ModelFile}' do not go together");
            }
        }
        return differences;
    }

    private static ITransformer? LoadModel(MLContext ml, string directory, TargetCard target, List<string> differences)
    {
        var path = Path.Combine(directory, target.ModelFile!);
        if (!File.Exists(path))
        {
            differences.Add($"{target.Target.Code()}: model file {target.ModelFile} is missing");
            return null;
        }
        ITransformer model;
        DataViewSchema inputSchema;
        try
        {
            model = ml.Model.Load(path, out inputSchema);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or IOException)
        {
            differences.Add($"{target.Target.Code()}: model file {target.ModelFile} cannot be read ({e.Message})");
            return null;
        }
        var columns = inputSchema.Where(c => !c.IsHidden).Select(c => $"{c.Name}:{TypeName(c.Type)}").ToArray();
        CompareColumns($"{target.ModelFile} reads", columns, differences);
        return model;
    }

    private static void CompareColumns(string what, IReadOnlyList<string> saved, List<string> differences)
    {
        var missing = FeatureSchema.Columns.Except(saved).ToArray();
        var extra = saved.Except(FeatureSchema.Columns).ToArray();
        if (missing.Length > 0 || extra.Length > 0)
        {
            differences.Add($"{what} columns that differ from this build's: "
                + (extra.Length > 0 ? $"not in this build [{string.Join(", ", extra)}]" : "")
                + (extra.Length > 0 && missing.Length > 0 ? ", " : "")
                + (missing.Length > 0 ? $"missing [{string.Join(", ", missing)}]" : ""));
        }
    }

    private static string TypeName(DataViewType type) => type switch
    {
        NumberDataViewType n when n == NumberDataViewType.Single => "Single",
        TextDataViewType => "String",
        _ => type.ToString() ?? "unknown",
    };
}
