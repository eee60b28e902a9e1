using Sesric.Analytics.Dataset;
using Sesric.Analytics.Import;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Core.Tests.Import;

/// <summary>Shared fixtures: the built-in catalogue and helpers that read a CSV text and capture the rejection.</summary>
internal static class CsvTestData
{
    public static Catalogue Catalogue { get; } = BuiltInDataset.LoadCatalogue();

    public const string ParticipationHeader = "programme,edition,participant_id,country_iso3,gender,institution_type,attendance,synthetic";

    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    /// <summary>Reads participations to the end, returning the rows yielded and the rejection (if any).</summary>
    public static (List<Participation> Rows, ImportRejectedException? Error) ReadParticipations(string csv)
    {
        var rows = new List<Participation>();
        try
        {
            foreach (var row in ParticipationCsv.Read(new StringReader(csv), Catalogue, "test.csv"))
            {
                rows.Add(row);
            }
            return (rows, null);
        }
        catch (ImportRejectedException e)
        {
            return (rows, e);
        }
    }

    public static ImportProblem Single(ImportRejectedException? error)
    {
        Assert.NotNull(error);
        return Assert.Single(error.Problems);
    }
}
