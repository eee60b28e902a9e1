using System.Globalization;

using Grpc.Core;

using Microsoft.Extensions.Primitives;

using Sesric.Analytics.Api.Auditing;
using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Api.Hosting;
using Sesric.Analytics.Api.Observability;
using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Application.Statistics;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Api.OData;

/// <summary>
/// Serves the OData v4 feed under <see cref="Root"/> on the JSON port only: the service document, <c>$metadata</c>, and the
/// entity sets (<see cref="ODataFeedModel.PublicSet"/>, <see cref="ODataFeedModel.InternalSet"/>). Every request needs an
/// API key, in the <c>x-api-key</c> header or, on these routes only, the <see cref="KeyParameter"/> query parameter (Power
/// Query's Web API credential with <c>ApiKeyName="api_key"</c>), or a mapped client certificate; the key's rate limit and
/// the audit of internal-policy queries apply as on gRPC.
/// </summary>
/// <remarks>The key is never logged, audited or echoed: URLs are not logged (ASP.NET's request lines are off, traces drop
/// <c>url.query</c>) and next links are written without it.</remarks>
public static class ODataFeedEndpoints
{
    /// <summary>The feed's path.</summary>
    public const string Root = "/odata";

    /// <summary>The query parameter that may carry the API key on the feed's routes.</summary>
    public const string KeyParameter = "api_key";

    /// <summary>Registers the feed's model (from the engine's semantic model) and its runner.</summary>
    public static IServiceCollection AddSesricODataFeed(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ODataFeedModel(sp.GetRequiredService<IStatisticsEngine>().Model));
        services.AddSingleton<ODataFeedRunner>();
        return services;
    }

    /// <summary>Maps the feed's routes.</summary>
    public static void MapSesricODataFeed(this WebApplication app)
    {
        // Built now, so that a model the EDM cannot express stops the start rather than the first request.
        _ = app.Services.GetRequiredService<ODataFeedModel>();
        app.MapGet(Root + "/{**path}", HandleAsync);
    }

    private static async Task HandleAsync(HttpContext http, string? path)
    {
        var endpoints = http.RequestServices.GetRequiredService<ServerEndpoints>();
        if (endpoints.Json?.IPEndPoint is not { } json || http.Connection.LocalPort != json.Port)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound; // the feed lives on the JSON port only
            return;
        }
        var requestId = RequestId.From(http.Request.Headers[RequestId.Header]);
        http.Response.Headers[RequestId.Header] = requestId;
        var serviceRoot = ServiceRoot(http);
        var runner = http.RequestServices.GetRequiredService<ODataFeedRunner>();
        var segment = (path ?? "").Trim('/');
        Caller? caller = null;
        ODataFeedPage? page = null;
        string outcome = "OK";
        BufferedODataMessage message;
        try
        {
            caller = Authenticate(http);
            if (!http.RequestServices.GetRequiredService<RateLimitInterceptor>().TryAcquire(caller, out var retryAfter))
            {
                http.Items[RetryAfterHeader.ItemKey] = retryAfter;
                throw new ODataFeedException(StatusCodes.Status429TooManyRequests, ErrorReasons.RateLimited, "api_key",
                    $"key '{caller.Name}' made more requests than its limit; retry after {retryAfter.TotalMilliseconds:F0} ms.");
            }
            switch (segment)
            {
                case "":
                    message = ODataFeedWriter.ServiceDocument(runner.Feed, serviceRoot);
                    break;
                case "$metadata":
                    message = ODataFeedWriter.Metadata(runner.Feed, serviceRoot);
                    break;
                default:
                    if (segment.Contains('/', StringComparison.Ordinal) || segment.Contains('(', StringComparison.Ordinal))
                    {
                        throw new ODataFeedException(StatusCodes.Status404NotFound, ErrorReasons.NotFound, segment,
                            $"'{segment}': the feed serves whole entity sets ({ODataFeedModel.PublicSet}, {ODataFeedModel.InternalSet}), not single rows, $count or paths below them.");
                    }
                    var preferred = PreferredPageSize(http.Request.Headers["Prefer"]);
                    page = await runner.RunAsync(segment, caller, serviceRoot, RequestUri(http), preferred ?? ODataFeedRunner.DefaultPageSize, http.RequestAborted);
                    // The runner refused any name that is not an entity set (404), so the set exists here.
                    var set = runner.Feed.FindSet(segment) ?? throw new InvalidOperationException($"no entity set '{segment}' after the runner accepted it.");
                    var next = page.Next is { } n ? ODataNextLink.For(RequestUri(http), n.Skip, n.Top, KeyParameter) : null;
                    message = ODataFeedWriter.Page(runner.Feed, set, page, next,
                        preferred is { } p ? Math.Clamp(p, 1, ODataFeedRunner.MaxPageSize) : null);
                    break;
            }
        }
        catch (ODataFeedException e)
        {
            outcome = e.Status.ToString(CultureInfo.InvariantCulture);
            message = ODataFeedWriter.Error(serviceRoot, e.Status, e.Code, e.Target, e.Message);
        }
        catch (OutOfScopeException e)
        {
            outcome = "403";
            message = ODataFeedWriter.Error(serviceRoot, StatusCodes.Status403Forbidden, ErrorReasons.OutOfScope, "$filter", e.Message);
        }
        catch (QueryException e)
        {
            outcome = "400";
            var (target, text) = Target(e, http);
            message = ODataFeedWriter.Error(serviceRoot, StatusCodes.Status400BadRequest, ErrorReasons.InvalidQuery, target, $"{target}: {text}");
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return; // the client went away: nobody to answer
        }
        catch (Exception e)
        {
            var (error, unexpected) = ExceptionMapper.Map(e, DateTime.MaxValue, http.RequestAborted.IsCancellationRequested, requestId);
            if (unexpected)
            {
                // The path and the exception, never the URL's query (it may hold the key).
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ODataFeedEndpoints))
                    .LogError(e, "OData feed request {RequestId} on {Path} failed", requestId, http.Request.Path.Value);
            }
            var status = HttpStatus(error.StatusCode);
            outcome = status.ToString(CultureInfo.InvariantCulture);
            message = ODataFeedWriter.Error(serviceRoot, status, error.StatusCode.ToString(), "request", error.Status.Detail);
        }
        Audit(http, segment, caller, requestId, page, outcome);
        using (message)
        {
            if (message.StatusCode == StatusCodes.Status401Unauthorized)
            {
                http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyAuthInterceptor.Header}\", query=\"{KeyParameter}\"";
            }
            await message.CopyToAsync(http.Response, http.RequestAborted);
        }
    }

    /// <summary>The caller by the header key, else the key parameter, else a mapped client certificate; a 401 otherwise.</summary>
    private static Caller Authenticate(HttpContext http)
    {
        var keys = http.RequestServices.GetRequiredService<ApiKeySource>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var (presented, where) = http.Request.Headers[ApiKeyAuthInterceptor.Header].ToString() is { Length: > 0 } header
            ? (header, $"the '{ApiKeyAuthInterceptor.Header}' header")
            : (http.Request.Query[KeyParameter].ToString(), $"the '{KeyParameter}' parameter");
        if (!string.IsNullOrWhiteSpace(presented))
        {
            return keys.Current.Find(presented.Trim(), now, out var refusal)
                ?? throw new ODataFeedException(StatusCodes.Status401Unauthorized, ErrorReasons.ApiKeyInvalid, KeyParameter, $"{where} {refusal}.");
        }
        return http.RequestServices.GetRequiredService<ClientCertificateMap>().Find(http.Connection.ClientCertificate)
            ?? throw new ODataFeedException(StatusCodes.Status401Unauthorized, ErrorReasons.ApiKeyMissing, KeyParameter,
                $"the feed needs an API key: in the '{ApiKeyAuthInterceptor.Header}' header, or in the '{KeyParameter}' query parameter (Power Query: Web API credential with ApiKeyName=\"{KeyParameter}\").");
    }

    /// <summary>An audit line for every request to the internal set, refused ones included (as the gRPC internal queries).</summary>
    private static void Audit(HttpContext http, string segment, Caller? caller, string requestId, ODataFeedPage? page, string outcome)
    {
        if (segment != ODataFeedModel.InternalSet)
        {
            return;
        }
        var audit = http.RequestServices.GetRequiredService<AuditLog>();
        if (!audit.Enabled)
        {
            return;
        }
        var filter = http.Request.Query["$filter"].ToString();
        audit.Write(new AuditRecord(
            http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            "call",
            caller?.Id,
            "OData/" + ODataFeedModel.InternalSet,
            requestId,
            DisclosurePolicy.Internal.Name,
            filter.Length == 0 ? null : filter,
            page?.Table.Rows.Count,
            null,
            outcome,
            page?.Request.Query.ToString() ?? (caller is null ? null : $"key '{caller.Name}', role {caller.Role.ToString().ToLowerInvariant()}"),
            AuditRecord.ScopeOf(caller?.Scope)));
    }

    /// <summary>
    /// The query option a refused semantic query points at, and the engine's message without its own prefix (it names the
    /// gRPC fields: <c>filter:</c>, <c>order_by:</c>).
    /// </summary>
    private static (string Target, string Text) Target(QueryException e, HttpContext http)
    {
        foreach (var (prefix, option) in new[] { ("filter", "$filter"), ("order_by", "$orderby"), ("limit", "$top"), ("offset", "$skip") })
        {
            if (e.Field == prefix || e.Message.StartsWith(prefix + ":", StringComparison.Ordinal))
            {
                return (option, e.Message.StartsWith(prefix + ":", StringComparison.Ordinal) ? e.Message[(prefix.Length + 1)..].TrimStart() : e.Message);
            }
        }
        return (http.Request.Query.ContainsKey("$apply") ? "$apply" : "$select", e.Message);
    }

    /// <summary>The <c>odata.maxpagesize</c> the client prefers, or null.</summary>
    private static int? PreferredPageSize(StringValues prefer)
    {
        foreach (var header in prefer)
        {
            foreach (var part in (header ?? "").Split(',', StringSplitOptions.TrimEntries))
            {
                var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
                if (pair.Length == 2 && pair[0].Equals("odata.maxpagesize", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0)
                {
                    return size;
                }
            }
        }
        return null;
    }

    private static Uri ServiceRoot(HttpContext http) =>
        new($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{Root}/");

    private static Uri RequestUri(HttpContext http) =>
        new($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}");

    private static int HttpStatus(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument or StatusCode.OutOfRange or StatusCode.FailedPrecondition => StatusCodes.Status400BadRequest,
        StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        StatusCode.Cancelled => 499,
        _ => StatusCodes.Status500InternalServerError,
    };
}
