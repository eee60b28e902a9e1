using Google.Protobuf;

using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Sesric.Analytics.Api.Compression;

/// <summary>
/// Sends a unary call's response uncompressed when it is smaller than <see cref="CompressFromBytes"/>; larger responses
/// (and every streamed message) stay gzip-compressed for clients that accept it.
/// </summary>
/// <remarks>
/// <para>Compressing a message costs a deflate stream's setup (a few hundred kilobytes of zlib state) and a pass over the
/// bytes, about 3–4 % of an uncached dashboard Query's CPU and more of a health Check's, which answers two bytes. A message
/// under the bound fits well inside TCP's initial congestion window (ten segments, about 14 KB) and one HTTP/2 DATA frame
/// (16 KB), so it reaches the client in the same round trip compressed or not: compression would only cost CPU on both
/// sides.</para>
/// <para>The response's <c>grpc-encoding</c> header still names gzip (the server decides it per call, before the handler
/// runs); gRPC marks each message as compressed or not, and every client reads both.</para>
/// </remarks>
/// <threadsafety>Stateless; safe to share.</threadsafety>
public sealed class SmallResponseCompression : Interceptor
{
    /// <summary>The smallest serialized response, in bytes, that is compressed.</summary>
    public const int CompressFromBytes = 8 * 1024;

    private static readonly WriteOptions Uncompressed = new(WriteFlags.NoCompress);

    /// <inheritdoc/>
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var response = await continuation(request, context).ConfigureAwait(false);
        // Only gRPC framing compresses messages; the JSON face (transcoding) has no per-message option to set.
        if (response is IMessage message && IsGrpc(context) && message.CalculateSize() < CompressFromBytes)
        {
            context.WriteOptions = Uncompressed;
        }
        return response;
    }

    private static bool IsGrpc(ServerCallContext context) =>
        context.GetHttpContext().Request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);
}
