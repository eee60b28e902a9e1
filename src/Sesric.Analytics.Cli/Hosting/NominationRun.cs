using System.Globalization;

using Sesric.Analytics.Forecasting.Nominations;
using Sesric.Analytics.Import;
using Sesric.Analytics.Model;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Cli.Hosting;

/// <summary>Loads the store's nominations for the nomination forecast and backtest verbs.</summary>
internal static class NominationRun
{
    /// <summary>The store's catalogue and every participation (the history nominees are judged returning from).</summary>
    public static async Task<(Catalogue Catalogue, IReadOnlyList<Participation> Rows)> LoadAsync(IStoreReader store, CancellationToken cancellationToken)
    {
        var catalogue = await store.LoadCatalogueAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<Participation>();
        await foreach (var row in store.ReadParticipationsAsync(catalogue, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }
        return (catalogue, rows);
    }

    /// <summary>Reads a nominations file (the participations format) for one programme's one edition.</summary>
    public static (Edition Edition, IReadOnlyList<Participation> Rows) ReadList(FileInfo file, Catalogue catalogue, ProgrammeId programme)
    {
        using var stream = DataFiles.OpenRead(file);
        using var reader = DataFiles.Reader(stream);
        var rows = ParticipationCsv.Read(reader, catalogue, file.Name).ToList();
        if (rows.Count == 0)
        {
            throw new UserErrorException($"--nominations '{file.Name}': the file has no nominations.");
        }
        var editions = rows.Select(r => r.Edition).Distinct().ToArray();
        if (editions.Length != 1 || editions[0].Programme != programme)
        {
            throw new UserErrorException($"--nominations '{file.Name}': every row must be a nomination to one edition of {programme}; the file names {string.Join(", ", editions.Select(e => e.ToString()))}.");
        }
        if (rows.FirstOrDefault(r => r.NominatedOn is null) is { } undated)
        {
            throw new UserErrorException($"--nominations '{file.Name}': participant {undated.Participant.Id} has no nominated_on date; the forecast needs every nomination's date (column nominated_on, yyyy-MM-dd).");
        }
        return (catalogue.TryGetEdition(editions[0], out var edition) ? edition : throw new UserErrorException($"unknown edition {editions[0]}."), rows);
    }

    /// <summary>Parses <c>--as-of</c>, naming the option in the error.</summary>
    public static DateOnly? ParseAsOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new UserErrorException($"--as-of '{text}': not a date; use yyyy-MM-dd, such as 2024-08-20.");
    }

    /// <summary>Trains the nomination forecaster as of a day, turning "nothing to learn" into a user error.</summary>
    public static TrainedNominationForecaster Train(NominationHistory history, DateOnly asOf)
    {
        try
        {
            return NominationForecaster.Train(history, asOf);
        }
        catch (InvalidOperationException e)
        {
            throw new UserErrorException($"nothing to forecast from: {e.Message} Import participations with nominated_on dates and outcomes first (sesric import participations).");
        }
    }
}
