using Grpc.Core;
using Grpc.Core.Interceptors;

using Sesric.Analytics.Api.Observability;
using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.Api.Auditing;

/// <summary>
/// Writes an audit line for each call a records officer must be able to account for: <c>internal</c>-policy
/// queries (Query, StreamQuery), imports (ImportParticipations, UpsertEdition) and retraining; refused attempts too.
/// </summary>
/// <remarks>
/// It sits outside authentication, so a call refused for its key or role is audited as well (with the key id when
/// the key was valid but its role too low, none when the key was unknown). It sees only the request's filter and
/// policy and the response's counts: never the rows, so never a participant id.
/// </remarks>
public sealed class AuditInterceptor(AuditLog audit, TimeProvider time) : Interceptor
{
    /// <inheritdoc/>
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!audit.Enabled || !IsAudited(request))
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        try
        {
            var response = await continuation(request, context).ConfigureAwait(false);
            Write(context, request, response, rowsStreamed: null, "OK");
            return response;
        }
        catch (RpcException e)
        {
            Write(context, request, null, rowsStreamed: null, e.StatusCode.ToString());
            throw;
        }
        catch (Exception e) when (Fail(context, request, e))
        {
            throw;
        }
    }

    /// <inheritdoc/>
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (!audit.Enabled || typeof(TRequest) != typeof(ImportParticipationsRequest))
        {
            return await continuation(requestStream, context).ConfigureAwait(false);
        }
        try
        {
            var response = await continuation(requestStream, context).ConfigureAwait(false);
            Write(context, null, response, rowsStreamed: null, "OK");
            return response;
        }
        catch (RpcException e)
        {
            Write(context, null, null, rowsStreamed: null, e.StatusCode.ToString());
            throw;
        }
        catch (Exception e) when (Fail(context, null, e))
        {
            throw;
        }
    }

    /// <inheritdoc/>
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (!audit.Enabled || !IsAudited(request))
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
            return;
        }
        var counting = new CountingWriter<TResponse>(responseStream);
        try
        {
            await continuation(request, counting, context).ConfigureAwait(false);
            Write(context, request, null, counting.Rows, "OK");
        }
        catch (RpcException e)
        {
            Write(context, request, null, counting.Rows, e.StatusCode.ToString());
            throw;
        }
        catch (Exception e) when (Fail(context, request, e))
        {
            throw;
        }
    }

    /// <summary>Whether a call with this request is audited.</summary>
    public static bool IsAudited(object? request) => request switch
    {
        QueryRequest q => q.Policy == DisclosurePolicy.Internal,
        StreamQueryRequest q => q.Policy == DisclosurePolicy.Internal,
        UpsertEditionRequest or RetrainRequest or ImportParticipationsRequest => true,
        _ => false,
    };

    // Other exceptions are audited with the status the client will receive (ExceptionMapper's: a refusal for scope is
    // PermissionDenied, a bad query InvalidArgument, anything unexpected Internal) and rethrown (the filter returns
    // false, so the stack is kept).
    private bool Fail(ServerCallContext context, object? request, Exception exception)
    {
        var (error, _) = Errors.ExceptionMapper.Map(exception, context.Deadline, context.CancellationToken.IsCancellationRequested, RequestId.Of(context));
        Write(context, request, null, rowsStreamed: null, error.StatusCode.ToString());
        return false;
    }

    private void Write(ServerCallContext context, object? request, object? response, long? rowsStreamed, string outcome)
    {
        var (policy, filter) = request switch
        {
            QueryRequest q => ("internal", q.Filter),
            StreamQueryRequest q => ("internal", q.Filter),
            _ => ((string?)null, (string?)null),
        };
        long? returned = response is QueryResponse r ? r.Rows.Count : rowsStreamed;
        long? written = null;
        string? detail = null;
        switch (response)
        {
            case ImportParticipationsResponse i:
                written = i.ParticipationsInserted + i.ParticipationsUpdated;
                detail = $"received {i.RowsReceived}; participations {i.ParticipationsInserted} inserted, {i.ParticipationsUpdated} updated, {i.ParticipationsUnchanged} unchanged";
                break;
            case UpsertEditionResponse u:
                written = 1;
                detail = $"{(u.Created ? "created" : "updated")} {u.Edition?.Name}";
                break;
            case RetrainResponse t:
                detail = $"model {t.ModelVersion} on {t.Editions} editions";
                break;
        }
        if (detail is null && request is UpsertEditionRequest { Edition: { } edition })
        {
            detail = edition.Name;
        }
        var slash = context.Method.LastIndexOf('/');
        var service = context.Method[1..slash];
        var method = service[(service.LastIndexOf('.') + 1)..] + context.Method[slash..];
        audit.Write(new AuditRecord(
            time.GetUtcNow(), "call", context.FindCaller()?.Id, method, RequestId.Of(context), policy, filter, returned, written, outcome, detail,
            AuditRecord.ScopeOf(context.FindCaller()?.Scope)));
    }

    private sealed class CountingWriter<T>(IServerStreamWriter<T> inner) : IServerStreamWriter<T>
    {
        public long Rows { get; private set; }

        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

        // The services pass a token; the interface's default for this overload refuses one, so it is forwarded here.
        public async Task WriteAsync(T message, CancellationToken cancellationToken)
        {
            await inner.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            Rows += message is StreamQueryResponse s ? s.Rows.Count : 0;
        }
    }
}
