using Grpc.Core;

using Sesric.Analytics.Import;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Api.Errors;

/// <summary>
/// Turns an exception that escaped a service into an AIP-193 error. Known domain exceptions keep their
/// message (written for users, naming the field); anything else becomes INTERNAL with only the request
/// id, so no stack trace, SQL or path reaches a client.
/// </summary>
public static class ExceptionMapper
{
    /// <summary>Maps <paramref name="exception"/> to the error a client receives.</summary>
    /// <param name="exception">What was thrown.</param>
    /// <param name="deadline">The call's deadline (UTC).</param>
    /// <param name="callCancelled">Whether the call's own token was cancelled.</param>
    /// <param name="requestId">The request id, quoted in INTERNAL messages so an operator can find the log entry.</param>
    /// <returns>The error to send, and whether it is unexpected (to be logged as an error).</returns>
    public static (RpcException Error, bool Unexpected) Map(Exception exception, DateTime deadline, bool callCancelled, string requestId)
    {
        if (FindStoreFault(exception) is { } fault)
        {
            return (ForStoreFault(fault, stillFaulted: false), false);
        }
        switch (exception)
        {
            case RpcException rpc:
                return (rpc, false);
            // The client's deadline timer and the server's differ by the transit time: a call cancelled
            // within a second of its deadline is counted as having run out of time. Once the call's token is
            // cancelled, whatever failed next (a stream read of a reset request, an aborted write) is a
            // consequence of the cancellation, not a fault of the service.
            case not RpcException when callCancelled && deadline != DateTime.MaxValue && deadline <= DateTime.UtcNow.AddSeconds(1):
                return (RpcErrors.Build(StatusCode.DeadlineExceeded.ToCode(), "the call's deadline passed before it finished; nothing was written.", ErrorReasons.DeadlineExceeded), false);
            case not RpcException when callCancelled:
                return (RpcErrors.Build(StatusCode.Cancelled.ToCode(), "the call was cancelled; nothing was written.", ErrorReasons.Cancelled), false);
            case OutOfScopeException scope:
                return (RpcErrors.PermissionDenied(ErrorReasons.OutOfScope, scope.Message), false);
            case QueryException query:
                return (RpcErrors.InvalidArgument(
                    query.Message,
                    [new RpcErrors.FieldProblem(query.Field ?? "query", query.Position is { } at ? $"{query.Message} (position {at})" : query.Message)],
                    ErrorReasons.InvalidQuery), false);
            case ImportRejectedException rejected:
                return (RpcErrors.InvalidArgument(
                    $"{rejected.Problems.Count} invalid row(s); nothing was imported.",
                    rejected.Problems.Select(p => new RpcErrors.FieldProblem(p.Column ?? $"line {p.Line}", p.ToString())),
                    ErrorReasons.ImportRejected), false);
            // A client-streaming message that does not parse (unary requests are checked by RequestBodyCheck).
            case Google.Protobuf.InvalidProtocolBufferException or IOException { InnerException: Google.Protobuf.InvalidProtocolBufferException }:
                return (RpcErrors.InvalidArgument("request", "a request message is not valid protobuf for this method's request type."), false);
            case ImportRequestConflictException conflict:
                return (RpcErrors.Build(
                    Google.Rpc.Code.AlreadyExists,
                    conflict.Message,
                    ErrorReasons.RequestIdReused,
                    new Google.Rpc.BadRequest { FieldViolations = { new Google.Rpc.BadRequest.Types.FieldViolation { Field = "request_id", Description = "was already used for an import with other rows" } } }), false);
            case ArgumentException argument:
                return (RpcErrors.InvalidArgument(argument.ParamName ?? "request", StripParamSuffix(argument)), false);
            case FormatException format:
                return (RpcErrors.InvalidArgument("request", format.Message), false);
            default:
                return (RpcErrors.Build(Google.Rpc.Code.Internal, $"internal error; quote request id {requestId} to the operator.", ErrorReasons.Internal), true);
        }
    }

    /// <summary>The store fault behind <paramref name="exception"/> (itself or one it wraps), if any.</summary>
    public static StoreFaultException? FindStoreFault(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is StoreFaultException fault)
            {
                return fault;
            }
            if (e is AggregateException { InnerExceptions.Count: 1 } aggregate)
            {
                return FindStoreFault(aggregate.InnerExceptions[0]);
            }
        }
        return null;
    }

    /// <summary>
    /// The error for a failed store: RESOURCE_EXHAUSTED naming the store's disk when it is full, else
    /// UNAVAILABLE with a retry delay (the service reopens the store by itself).
    /// </summary>
    /// <param name="fault">What failed.</param>
    /// <param name="stillFaulted">True for calls refused while the store is being reopened, false for the call that met the fault.</param>
    public static RpcException ForStoreFault(StoreFaultException fault, bool stillFaulted)
    {
        var prefix = stillFaulted ? "the service is not serving until its store is reopened: " : "";
        return fault.Kind == StoreFaultKind.DiskFull
            ? RpcErrors.ResourceExhausted(ErrorReasons.StoreDiskFull, prefix + fault.Message, TimeSpan.FromSeconds(5))
            : RpcErrors.Build(
                Google.Rpc.Code.Unavailable,
                $"{prefix}{fault.Message} The service reopens it by itself; retry in a few seconds.",
                ErrorReasons.StoreUnavailable,
                new Google.Rpc.RetryInfo { RetryDelay = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) });
    }

    private static Google.Rpc.Code ToCode(this StatusCode code) => (Google.Rpc.Code)(int)code;

    // ArgumentException.Message appends " (Parameter 'x')"; the field violation names the field already.
    private static string StripParamSuffix(ArgumentException e)
    {
        var message = e.Message;
        var suffix = message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return suffix > 0 ? message[..suffix] : message;
    }
}
