using System.Buffers.Binary;
using System.Text;

using Google.Protobuf;
using Google.Protobuf.Reflection;

using Grpc.Core;

using Microsoft.Extensions.Options;

using Sesric.Analytics.Api.Configuration;
using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.Api.Observability;

/// <summary>
/// Checks the body of a gRPC call whose request is one message (unary and server-streaming methods) before
/// gRPC reads it: a body that is not one gRPC frame holding a valid protobuf message of the method's request
/// type is answered INVALID_ARGUMENT with a short log line (within the <see cref="LogBudget"/>), instead of
/// gRPC's UNKNOWN "Exception was thrown by handler" and a stack trace in the log for every such call; a body
/// over the receive limit is RESOURCE_EXHAUSTED with its details and request id (gRPC's own answer has neither).
/// </summary>
/// <remarks>gRPC reads a unary request before any interceptor runs, so only a middleware sees this failure.
/// Client-streaming requests are read inside the handler, where <see cref="ExceptionMapper"/> maps the same
/// parse error. Compressed frames are left to gRPC, which decompresses them.</remarks>
public sealed class RequestBodyCheck(RequestDelegate next, IOptions<SesricOptions> options, LogBudget budget, ILogger<RequestBodyCheck> logger)
{
    private static readonly Dictionary<string, MessageDescriptor> SingleMessageMethods = Methods();

    /// <summary>Runs the check, then the rest of the pipeline when the body is sound.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) != true
            || !SingleMessageMethods.TryGetValue(context.Request.Path.Value ?? "", out var input))
        {
            await next(context);
            return;
        }
        var limit = options.Value.MaxReceiveMessageBytes;
        var (body, length, tooLarge) = await ReadUpToAsync(context.Request.Body, limit + 5L, context.Request.ContentLength, context.RequestAborted);
        var method = context.Request.Path.Value!;
        RpcException error;
        string problem;
        if (tooLarge)
        {
            // gRPC's own answer to this carries no details and no request id.
            problem = $"larger than {limit:N0} bytes";
            error = RpcErrors.ResourceExhausted(ErrorReasons.TooLarge, $"the request message is larger than the server's limit of {limit:N0} bytes; send smaller requests (split an import into several calls).");
        }
        else if (Problem(body.AsSpan(0, length), input) is { } found)
        {
            problem = found;
            error = RpcErrors.Build(
                Google.Rpc.Code.InvalidArgument,
                $"the request body is not a valid {input.Name} message: {problem}. Send one gRPC-framed, protobuf-encoded {input.FullName}.",
                ErrorReasons.InvalidRequest);
        }
        else
        {
            // gRPC reads the body again from memory. (EnableBuffering's stream, used before, copied it once more
            // and moved bodies over 30 KB to a temporary file.)
            context.Request.Body = new MemoryStream(body, 0, length, writable: false);
            await next(context);
            return;
        }
        var requestId = RequestId.From(context.Request.Headers[RequestId.Header]);
        if (budget.TryTake(out var suppressed))
        {
            logger.LogInformation("{Method} refused ({RequestId}): {Problem} (from {Remote}){Suppressed}",
                method, requestId, problem, context.Connection.RemoteIpAddress, suppressed > 0 ? $"; {suppressed} similar line(s) left out before this one" : "");
        }
        var status = error.GetRpcStatus()!;
        // A trailers-only response: the status travels in the headers, with no body.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers[RequestId.Header] = requestId;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = status.Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = PercentEncode(status.Message);
        context.Response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray()).TrimEnd('=');
        await context.Response.CompleteAsync();
    }

    /// <summary>What is wrong with a request body for a method taking <paramref name="input"/>, or null when it is one sound frame (or compressed).</summary>
    public static string? Problem(ReadOnlySpan<byte> body, MessageDescriptor input)
    {
        if (body.Length < 5)
        {
            return $"{body.Length} byte(s) is shorter than a gRPC frame header (5 bytes)";
        }
        var flag = body[0];
        if (flag > 1)
        {
            return $"the first byte is {flag}, not a gRPC frame's compression flag (0 or 1); the body is not gRPC-framed";
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(body[1..5]);
        if (length != body.Length - 5)
        {
            return $"the frame announces {length} byte(s) but {body.Length - 5} follow";
        }
        if (flag == 1)
        {
            return null; // compressed: gRPC decompresses and parses it
        }
        try
        {
            input.Parser.ParseFrom(body[5..]);
            return null;
        }
        catch (InvalidProtocolBufferException e)
        {
            return $"protobuf parse error: {e.Message.TrimEnd('.')}";
        }
    }

    /// <summary>Reads the whole body into one array (sized from Content-Length when given), stopping once it passes <paramref name="limit"/>.</summary>
    private static async Task<(byte[] Body, int Length, bool TooLarge)> ReadUpToAsync(Stream stream, long limit, long? contentLength, CancellationToken cancellationToken)
    {
        if (contentLength > limit)
        {
            return ([], 0, true);
        }
        var buffer = new byte[Math.Max(64, (int)(contentLength ?? 1024) + 1)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(Math.Min(limit + 1, buffer.Length * 2L), Array.MaxLength));
            }
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return (buffer, length, false);
            }
            length += read;
            if (length > limit)
            {
                return ([], 0, true);
            }
        }
    }

    // grpc-message is percent-encoded UTF-8: bytes outside printable ASCII, and '%', are escaped.
    private static string PercentEncode(string message)
    {
        var text = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return text.ToString();
    }

    private static Dictionary<string, MessageDescriptor> Methods()
    {
        var methods = new Dictionary<string, MessageDescriptor>(StringComparer.Ordinal);
        foreach (var service in new[] { CatalogService.Descriptor, StatsService.Descriptor, IngestService.Descriptor, ForecastService.Descriptor, ReportService.Descriptor })
        {
            foreach (var method in service.Methods.Where(m => !m.IsClientStreaming))
            {
                methods[$"/{service.FullName}/{method.Name}"] = method.InputType;
            }
        }
        return methods;
    }
}
