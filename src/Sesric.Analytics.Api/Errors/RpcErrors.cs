using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

using Grpc.Core;

namespace Sesric.Analytics.Api.Errors;

/// <summary>
/// Builds AIP-193 errors: a canonical code, a message a person can act on, and <c>google.rpc.Status</c>
/// details (<see cref="ErrorInfo"/> always, <see cref="BadRequest"/> for field problems). Messages never
/// carry stack traces, SQL or file paths.
/// </summary>
public static class RpcErrors
{
    /// <summary>One field problem, for <see cref="InvalidArgument(string, IEnumerable{FieldProblem}, string, long?)"/>.</summary>
    /// <param name="Field">The field path, such as <c>rows[3].member_state</c>.</param>
    /// <param name="Description">What is wrong and how to fix it.</param>
    public readonly record struct FieldProblem(string Field, string Description);

    /// <summary>INVALID_ARGUMENT naming one field.</summary>
    public static RpcException InvalidArgument(string field, string description, string reason = ErrorReasons.InvalidRequest) =>
        InvalidArgument($"{field}: {description}", [new FieldProblem(field, description)], reason);

    /// <summary>At most this many field violations are listed in one error.</summary>
    public const int MaxListedProblems = 50;

    /// <summary>
    /// The serialized size the listed violations may take. With the message and ErrorInfo, and base64 on the wire,
    /// the whole trailer stays well under the 8 KB that gRPC core clients (Python, C++, …) accept by default.
    /// </summary>
    public const int MaxDetailBytes = 2_500;

    private const int MaxMessageLength = 1_000;
    private const int MaxFieldLength = 100;
    private const int MaxDescriptionLength = 300;

    /// <summary>
    /// INVALID_ARGUMENT listing the bad fields: the first <see cref="MaxListedProblems"/> (fewer when they are long),
    /// with the total and how to see the rest added to the message when some are left out.
    /// </summary>
    /// <param name="message">The summary.</param>
    /// <param name="problems">The problems, in order; only the listed ones are read.</param>
    /// <param name="reason">The ErrorInfo reason.</param>
    /// <param name="totalProblems">How many problems there are in all, when <paramref name="problems"/> holds only the first ones.</param>
    public static RpcException InvalidArgument(string message, IEnumerable<FieldProblem> problems, string reason = ErrorReasons.InvalidRequest, long? totalProblems = null)
    {
        var badRequest = new BadRequest();
        var size = 0;
        long seen = 0;
        foreach (var p in problems)
        {
            seen++;
            if (badRequest.FieldViolations.Count >= MaxListedProblems || size >= MaxDetailBytes)
            {
                continue;
            }
            var violation = new BadRequest.Types.FieldViolation
            {
                Field = Echo.Cap(Echo.Words(p.Field), MaxFieldLength),
                Description = Echo.Cap(Echo.Words(p.Description), MaxDescriptionLength),
            };
            size += violation.CalculateSize() + 3;
            badRequest.FieldViolations.Add(violation);
        }
        var total = Math.Max(seen, totalProblems ?? 0);
        if (badRequest.FieldViolations.Count < total)
        {
            message += $" The first {badRequest.FieldViolations.Count} of {total:N0} problems are listed; fix them and send again to see the rest "
                + "(`sesric import` on the same rows as a file lists every problem).";
        }
        return Build(Code.InvalidArgument, message, reason, badRequest);
    }

    /// <summary>NOT_FOUND for a resource name.</summary>
    public static RpcException NotFound(string resourceName, string what) =>
        Build(Code.NotFound, $"{what} '{Echo.Of(resourceName)}' does not exist.", ErrorReasons.NotFound,
            new ResourceInfo { ResourceName = Echo.Of(resourceName), ResourceType = what, Description = $"no {what} with this name" });

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
        // Every error leaves through here: whatever a caller sent and a message repeats is cut short.
        var status = new Google.Rpc.Status { Code = (int)code, Message = Echo.Cap(Echo.Words(message), MaxMessageLength) };
        status.Details.Add(Any.Pack(new ErrorInfo { Reason = reason, Domain = ErrorReasons.Domain }));
        foreach (var detail in details)
        {
            status.Details.Add(Any.Pack(detail));
        }
        return status.ToRpcException();
    }
}
