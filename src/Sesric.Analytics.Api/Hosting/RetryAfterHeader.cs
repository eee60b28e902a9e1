namespace Sesric.Analytics.Api.Hosting;

/// <summary>
/// Adds <c>Retry-After</c> (whole seconds, at least 1) to the JSON face's 429 and 503 answers, as HTTP clients and
/// proxies expect; gRPC clients read the same delay from the RetryInfo detail.
/// </summary>
public sealed class RetryAfterHeader(RequestDelegate next)
{
    /// <summary>The <see cref="HttpContext.Items"/> key under which a call stores its retry delay (a <see cref="TimeSpan"/>).</summary>
    public const string ItemKey = "sesric.retry-after";

    /// <summary>Registers the header on every non-gRPC response, then runs the rest of the pipeline.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) != true)
        {
            context.Response.OnStarting(() =>
            {
                var response = context.Response;
                if (response.StatusCode is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable
                    && !response.Headers.ContainsKey("Retry-After"))
                {
                    var delay = context.Items.TryGetValue(ItemKey, out var value) && value is TimeSpan t ? t : TimeSpan.FromSeconds(1);
                    response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                return Task.CompletedTask;
            });
        }
        return next(context);
    }
}
