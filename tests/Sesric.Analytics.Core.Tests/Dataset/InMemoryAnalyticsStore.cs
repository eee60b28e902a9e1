using System.Runtime.CompilerServices;

using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Core.Tests.Dataset;

/// <summary>
/// A store in a few dictionaries, enough to check what <see cref="Sesric.Analytics.Dataset.StoreSeeder"/> writes
/// through the interface (the DuckDB store is tested in its own project). Imports are all-or-nothing, as the interface promises.
/// </summary>
internal sealed class InMemoryAnalyticsStore : IAnalyticsStore
{
    private readonly Dictionary<ProgrammeId, Programme> _programmes = [];
    private readonly Dictionary<CountryCode, Country> _countries = [];
    private readonly Dictionary<EditionId, Edition> _editions = [];
    private readonly Dictionary<(ParticipantId, EditionId), Participation> _participations = [];

    public int Writes { get; private set; }

    public StoreDescription Description { get; } = new("memory", "test", 2);

    public Task<Catalogue> LoadCatalogueAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new Catalogue(_programmes.Values, _editions.Values, _countries.Values));

    public Task<WriteOutcome> UpsertProgrammesAsync(IReadOnlyCollection<Programme> programmes, CancellationToken cancellationToken = default) =>
        Task.FromResult(Upsert(_programmes, programmes, p => p.Id));

    public Task<WriteOutcome> UpsertCountriesAsync(IReadOnlyCollection<Country> countries, CancellationToken cancellationToken = default) =>
        Task.FromResult(Upsert(_countries, countries, c => c.Code));

    public Task<WriteOutcome> UpsertEditionsAsync(IReadOnlyCollection<Edition> editions, CancellationToken cancellationToken = default) =>
        Task.FromResult(Upsert(_editions, editions, e => e.Id));

    public Task<ImportOutcome> ImportParticipationsAsync(IEnumerable<Participation> rows, ImportRequest request, CancellationToken cancellationToken = default)
    {
        var staged = rows.ToList();
        var outcome = Upsert(_participations, staged, p => (p.Participant.Id, p.Edition));
        var people = staged.Select(p => p.Participant.Id).Distinct().LongCount();
        return Task.FromResult(new ImportOutcome(outcome, new WriteOutcome(people, 0, 0)));
    }

    public async IAsyncEnumerable<Participation> ReadParticipationsAsync(Catalogue catalogue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var row in _participations.Values.OrderBy(p => p.Edition).ThenBy(p => p.Participant.Id))
        {
            await Task.Yield();
            yield return row;
        }
    }

    public Task<IReadOnlyList<EditionStatistics>> GetEditionStatisticsAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("statistics are computed in SQL by the real stores");

    public Task<SqlRows> QueryAsync(SqlStatement statement, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the in-memory store runs no SQL");

    public Task<long> CountParticipationsAsync(CancellationToken cancellationToken = default) => Task.FromResult((long)_participations.Count);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private WriteOutcome Upsert<TKey, T>(Dictionary<TKey, T> table, IEnumerable<T> items, Func<T, TKey> key)
        where TKey : notnull
    {
        Writes++;
        long inserted = 0, updated = 0, unchanged = 0;
        foreach (var item in items)
        {
            if (!table.TryGetValue(key(item), out var old))
            {
                inserted++;
            }
            else if (Equals(old, item))
            {
                unchanged++;
            }
            else
            {
                updated++;
            }
            table[key(item)] = item;
        }
        return new WriteOutcome(inserted, updated, unchanged);
    }
}
