namespace Sesric.Analytics.Dataset;

/// <summary>What <see cref="ScaleGenerator"/> generates.</summary>
/// <param name="Participations">Exactly how many participation rows (0 or more).</param>
/// <param name="Seed">The seed: the same options give the same rows, on every machine.</param>
/// <param name="Programmes">Synthetic programmes (1–999).</param>
/// <param name="EditionsPerProgramme">Editions of each programme, one a year (1–90, so every year stays in 1969–2100).</param>
public sealed record ScaleOptions(long Participations, int Seed, int Programmes = 25, int EditionsPerProgramme = 15)
{
    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public ScaleOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Participations, nameof(Participations));
        Preconditions.CheckRange(Programmes, 1, 999, nameof(Programmes));
        Preconditions.CheckRange(EditionsPerProgramme, 1, 90, nameof(EditionsPerProgramme));
        return this;
    }
}
