using Grpc.Core;

using Sesric.Analytics.Api.Mapping;
using Sesric.Analytics.Application.Statistics;
using Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.Api.Services;

/// <summary>Describes the semantic model the service's engine answers with.</summary>
public sealed class ModelGrpcService(IStatisticsEngine engine) : ModelService.ModelServiceBase
{
    /// <inheritdoc/>
    public override Task<GetModelResponse> GetModel(GetModelRequest request, ServerCallContext context) =>
        Task.FromResult(ModelMapper.ToProto(engine.Model));
}
