using Sesric.Analytics.Model;

namespace Sesric.Analytics.Dataset;

/// <summary>A generated dataset: a catalogue of synthetic programmes and editions over the real member and observer states, and its participations.</summary>
/// <remarks><see cref="Participations"/> is produced lazily, row by row, each time it is enumerated, and is the same every time.</remarks>
/// <threadsafety>Immutable; each enumeration is independent, so several threads may enumerate at once.</threadsafety>
public sealed class GeneratedDataset
{
    internal GeneratedDataset(ScaleOptions options, Catalogue catalogue, IEnumerable<Participation> participations)
    {
        Options = options;
        Catalogue = catalogue;
        Participations = participations;
    }

    /// <summary>The options it was generated with.</summary>
    public ScaleOptions Options { get; }

    /// <summary>Synthetic programmes and editions, and the real member and observer states.</summary>
    public Catalogue Catalogue { get; }

    /// <summary>Exactly <see cref="ScaleOptions.Participations"/> rows, streamed; unique by (participant, edition); all synthetic.</summary>
    public IEnumerable<Participation> Participations { get; }
}
