using Grpc.Core;
using Grpc.Net.Client;

using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.LoadClient;

/// <summary>
/// The question every mode of the load client asks, so that their figures compare: participants, member states and
/// the female share by year and OIC group since 2015 (a dashboard's first chart), over gRPC or to the engine in-process.
/// </summary>
internal static class DashboardQuery
{
    private static readonly string[] Measures = ["participants", "member_states", "female_share"];
    private static readonly string[] Dimensions = ["year", "oic_group"];
    private const string Filter = "year >= 2015";

    /// <summary>How the reports name the query.</summary>
    public const string Description = "Query = StatsService.Query {measures: participants, member_states, female_share; dimensions: year, oic_group; filter: year >= 2015; policy: public}.";

    /// <summary>The gRPC request, grouped by <paramref name="dimensions"/> (default year and OIC group).</summary>
    public static QueryRequest Request(params string[] dimensions)
    {
        var request = new QueryRequest { Filter = Filter };
        request.Measures.AddRange(Measures);
        request.Dimensions.AddRange(dimensions.Length == 0 ? Dimensions : dimensions);
        return request;
    }

    /// <summary>The same question for the engine in-process.</summary>
    public static SemanticQuery InProcess(params string[] dimensions) =>
        SemanticQuery.Of(Measures).By(dimensions.Length == 0 ? Dimensions : dimensions).Where(Filter);

    /// <summary>Headers with the in-process server's reader key.</summary>
    public static Metadata ReaderHeaders() => new() { { "x-api-key", InProcessServer.ReaderKey } };

    /// <summary>A channel to <paramref name="address"/> that opens more HTTP/2 connections under concurrency, as a busy client would.</summary>
    public static GrpcChannel Channel(string address) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });
}
