using Grpc.Core;
using Grpc.Core.Interceptors;

using Sesric.Analytics.Api.Errors;

namespace Sesric.Analytics.Api.Security;

/// <summary>
/// Authenticates every call by its <c>x-api-key</c> metadata and checks the method's role
/// (<see cref="MethodAccess"/>): no or unknown key gives UNAUTHENTICATED, a key whose role is too low
/// gives PERMISSION_DENIED. A call without a key is authenticated by the connection's client certificate when
/// <see cref="ClientCertificateMap"/> maps it (mutual TLS). Health and reflection stay open.
/// </summary>
public sealed class ApiKeyAuthInterceptor(ApiKeySource keys, ClientCertificateMap certificates, TimeProvider time) : Interceptor
{
    /// <summary>The metadata key the API key travels in.</summary>
    public const string Header = "x-api-key";

    /// <inheritdoc/>
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, context);
    }

    /// <inheritdoc/>
    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, context);
    }

    /// <inheritdoc/>
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    /// <inheritdoc/>
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authorize(ServerCallContext context)
    {
        if (MethodAccess.IsOpen(context.Method))
        {
            return;
        }
        var presented = context.RequestHeaders.GetValue(Header);
        Caller caller;
        if (!string.IsNullOrWhiteSpace(presented))
        {
            // An explicit key wins over the connection's certificate: a shared gateway certificate must not lift a key's limits.
            caller = keys.Current.Find(presented.Trim(), time.GetUtcNow(), out var refusal)
                ?? throw RpcErrors.Unauthenticated(ErrorReasons.ApiKeyInvalid, $"the '{Header}' metadata {refusal}.");
        }
        else
        {
            caller = certificates.Find(context.GetHttpContext().Connection.ClientCertificate)
                ?? throw RpcErrors.Unauthenticated(ErrorReasons.ApiKeyMissing, $"this method needs an API key in the '{Header}' metadata (or a mapped client certificate).");
        }
        var required = MethodAccess.RequiredRole(context.Method)
            ?? throw RpcErrors.PermissionDenied(ErrorReasons.MethodNotAllowed, $"no role may call {context.Method}.");
        if (!caller.Has(required))
        {
            throw RpcErrors.PermissionDenied(
                ErrorReasons.RoleTooLow,
                $"{context.Method} needs the '{required.ToString().ToLowerInvariant()}' role; key '{caller.Name}' has '{caller.Role.ToString().ToLowerInvariant()}'.");
        }
        context.SetCaller(caller);
    }
}
