using Sesric.Analytics.Model;

namespace Sesric.Analytics.Application.Coverage;

/// <summary>One OIC group's member states in one programme and year, split three ways.</summary>
/// <param name="Group">The OIC group.</param>
/// <param name="Represented">Eligible states with at least one counted participant that year, in ISO order.</param>
/// <param name="NotRepresented">Eligible states without one that year, in ISO order.</param>
/// <param name="NeverRepresented">Eligible states the programme has not reached in any year up to this one, in ISO order.</param>
public sealed record GroupCoverage(
    OicGroup Group,
    IReadOnlyList<CountryCode> Represented,
    IReadOnlyList<CountryCode> NotRepresented,
    IReadOnlyList<CountryCode> NeverRepresented);
