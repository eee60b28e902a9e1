using Google.Rpc;

using Grpc.Core;

using Sesric.Analytics.Api.Errors;

namespace Sesric.Analytics.Server.Tests.Infrastructure;

/// <summary>Asserts on AIP-193 errors.</summary>
public static class RpcAssert
{
    /// <summary>Runs <paramref name="call"/>, expects <paramref name="code"/>, and returns the rich status.</summary>
    public static async Task<Google.Rpc.Status> Fails(StatusCode code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, e.StatusCode);
        var status = e.GetRpcStatus();
        Assert.NotNull(status);
        var info = status!.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal(ErrorReasons.Domain, info!.Domain);
        Assert.DoesNotContain("   at ", status.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SELECT", status.Message, StringComparison.OrdinalIgnoreCase);
        return status;
    }

    /// <summary>The ErrorInfo reason.</summary>
    public static string Reason(this Google.Rpc.Status status) => status.GetDetail<ErrorInfo>()!.Reason;

    /// <summary>The BadRequest field paths.</summary>
    public static IReadOnlyList<string> Fields(this Google.Rpc.Status status) =>
        status.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToArray() ?? [];
}
