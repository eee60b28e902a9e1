using Grpc.Core;

using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Service.Mapping;
using Sesric.Analytics.Service.Statistics;

namespace Sesric.Analytics.Service.Services;

/// <summary>Describes the semantic model the service's engine answers with.</summary>
public sealed class ModelGrpcService(IStatisticsEngine engine) : ModelService.ModelServiceBase
{
    /// <inheritdoc/>
    public override Task<GetModelResponse> GetModel(GetModelRequest request, ServerCallContext context) =>
        Task.FromResult(ModelMapper.ToProto(engine.Model));
}
