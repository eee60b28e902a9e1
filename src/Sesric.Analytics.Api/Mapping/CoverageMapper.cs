using Sesric.Analytics.Application.Coverage;

using V1 = Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.Api.Mapping;

/// <summary>Coverage records as the contract's messages.</summary>
public static class CoverageMapper
{
    /// <summary>One programme and year's coverage as a <c>ProgrammeYearCoverage</c> message.</summary>
    public static V1.ProgrammeYearCoverage ToProto(ProgrammeYearCoverage coverage)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        var message = new V1.ProgrammeYearCoverage
        {
            Programme = ResourceNames.Of(coverage.Programme),
            Year = coverage.Year,
            HasRegistry = coverage.HasRegistry,
            EligibleCount = coverage.EligibleCount,
            RepresentedCount = coverage.RepresentedCount,
            Coverage = coverage.Share,
        };
        message.Editions.AddRange(coverage.Editions.Select(ResourceNames.Of));
        foreach (var group in coverage.Groups)
        {
            var groupMessage = new V1.GroupCoverage { OicGroup = CatalogMapper.ToProto(group.Group) };
            groupMessage.Represented.AddRange(group.Represented.Select(c => c.Value));
            groupMessage.NotRepresented.AddRange(group.NotRepresented.Select(c => c.Value));
            groupMessage.NeverRepresented.AddRange(group.NeverRepresented.Select(c => c.Value));
            message.Groups.Add(groupMessage);
        }
        return message;
    }
}
