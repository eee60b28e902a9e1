using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

using Grpc.Core;

namespace Sesric.Analytics.Service.Errors;

/// <summary>
/// Builds AIP-193 errors: a canonical code, a message a person can act on, and <c>google.rpc.Status</c>
/// details (<see cref="ErrorInfo"/> always, <see cref="BadRequest"/> for field problems). Messages never
/// carry stack traces, SQL or file paths.
/// </summary>
public static class RpcErrors
{
    /// <summary>One field problem, for <see cref="InvalidArgument(string, IEnumerable{FieldProblem}, string)"/>.</summary>
    /// <param name="Field">The field path, such as <c>rows[3].member_state</c>.</param>
    /// <param name="Description">What is wrong and how to fix it.</param>
    public readonly record struct FieldProblem(string Field, string Description);

    /// <summary>INVALID_ARGUMENT naming one field.</summary>
    public static RpcException InvalidArgument(string field, string description, string reason = ErrorReasons.InvalidRequest) =>
        InvalidArgument($"{field}: {description}", [new FieldProblem(field, description)], reason);

    /// <summary>INVALID_ARGUMENT listing every bad field.</summary>
    public static RpcException InvalidArgument(string message, IEnumerable<FieldProblem> problems, string reason = ErrorReasons.InvalidRequest)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(problems.Select(p => new BadRequest.Types.FieldViolation { Field = p.Field, Description = p.Description }));
        return Build(Code.InvalidArgument, message, reason, badRequest);
    }

    /// <summary>NOT_FOUND for a resource name.</summary>
    public static RpcException NotFound(string resourceName, string what) =>
        Build(Code.NotFound, $"{what} '{resourceName}' does not exist.", ErrorReasons.NotFound,
            new ResourceInfo { ResourceName = resourceName, ResourceType = what, Description = $"no {what} with this name" });

    /// <summary>UNAUTHENTICATED.</summary>
    public static RpcException Unauthenticated(string reason, string message) => Build(Code.Unauthenticated, message, reason);

    /// <summary>PERMISSION_DENIED.</summary>
    public static RpcException PermissionDenied(string reason, string message) => Build(Code.PermissionDenied, message, reason);

    /// <summary>RESOURCE_EXHAUSTED with a retry delay (rate limit) or without one (size limits).</summary>
    public static RpcException ResourceExhausted(string reason, string message, TimeSpan? retryAfter = null) =>
        retryAfter is { } delay
            ? Build(Code.ResourceExhausted, message, reason, new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) })
            : Build(Code.ResourceExhausted, message, reason);

    /// <summary>UNAVAILABLE while the store is opening.</summary>
    public static RpcException Unavailable(string message) =>
        Build(Code.Unavailable, message, ErrorReasons.NotReady, new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) });

    /// <summary>An error with the given code, message and reason (for the mapping interceptor).</summary>
    public static RpcException Build(Code code, string message, string reason, params Google.Protobuf.IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.Add(Any.Pack(new ErrorInfo { Reason = reason, Domain = ErrorReasons.Domain }));
        foreach (var detail in details)
        {
            status.Details.Add(Any.Pack(detail));
        }
        return status.ToRpcException();
    }
}
