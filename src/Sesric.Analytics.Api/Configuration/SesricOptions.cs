using Sesric.Analytics.Reporting;

namespace Sesric.Analytics.Api.Configuration;

/// <summary>
/// The service's settings, bound from the <c>Sesric</c> section of configuration (appsettings.json,
/// environment variables such as <c>Sesric__Address</c>, or the command line: <c>--address</c>, <c>--db</c>).
/// </summary>
public sealed class SesricOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "Sesric";

    /// <summary>The default listening address: loopback only, plain HTTP/2.</summary>
    public const string DefaultAddress = "http://127.0.0.1:5080";

    /// <summary>
    /// Where Kestrel listens (<c>http://host:port</c> or <c>https://host:port</c>; the host must be an IP address or
    /// <c>localhost</c>; port 0 picks a free port). <c>https</c> needs <see cref="Tls"/>; plain <c>http</c> on an address
    /// other than loopback needs <see cref="AllowPlaintext"/>.
    /// </summary>
    public string Address { get; set; } = DefaultAddress;

    /// <summary>The service's own TLS: server certificate and client certificates.</summary>
    public TlsOptions Tls { get; set; } = new();

    /// <summary>
    /// Whether the service may listen in plain text on an address other than loopback (API keys and figures then
    /// cross the network in clear): only for a TLS-terminating proxy on a trusted network. Off by default.
    /// </summary>
    public bool AllowPlaintext { get; set; }

    /// <summary>
    /// A second, HTTP/1.1 address for the JSON face (browsers and BI web connectors cannot speak plain-text
    /// HTTP/2); empty to serve JSON only on <see cref="Address"/> (with HTTP/2 prior knowledge).
    /// </summary>
    public string? JsonAddress { get; set; } = DefaultJsonAddress;

    /// <summary>The default JSON address.</summary>
    public const string DefaultJsonAddress = "http://127.0.0.1:5081";

    /// <summary>
    /// A third, HTTP/1.1 address that serves only Prometheus' <c>/metrics</c>; loopback by default, so that metrics
    /// (which name key ids and methods) are not offered to whoever reaches the service. Empty: no scraping endpoint.
    /// </summary>
    public string? MetricsAddress { get; set; } = DefaultMetricsAddress;

    /// <summary>The default metrics address.</summary>
    public const string DefaultMetricsAddress = "http://127.0.0.1:5082";

    /// <summary>An OTLP collector (<c>http://host:4317</c>, gRPC) that receives traces, metrics and logs; empty for none.</summary>
    /// <remarks>The standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is honoured as well.</remarks>
    public string? OtlpEndpoint { get; set; }

    /// <summary>
    /// The share of calls whose traces are recorded (0 to 1) when the caller did not decide; a caller's sampled
    /// <c>traceparent</c> is always followed. Logs carry trace and span ids either way.
    /// </summary>
    public double TraceSampleRatio { get; set; } = 0.1;

    /// <summary>Whether OpenTelemetry (metrics, traces, the scraping endpoint) is set up at all; off only to measure its cost.</summary>
    public bool TelemetryEnabled { get; set; } = true;

    /// <summary>
    /// A model file whose measures are added to the built-in model for every query, report and <c>GetModel</c> (see
    /// <c>samples/model</c>); null or empty for the built-in model only. A bad file refuses the start, naming the problem.
    /// </summary>
    public string? ModelPath { get; set; }

    /// <summary>The DuckDB file; null or empty resolves to the store's default location (the <c>SESRIC_ANALYTICS_DB</c> variable, else the user's data folder).</summary>
    public string? DatabasePath { get; set; }

    /// <summary>Whether an empty store is filled with the built-in dataset on start.</summary>
    public bool SeedBuiltInData { get; set; } = true;

    /// <summary>The API keys accepted, each stored as its SHA-256 hash with a role (valid until the configuration changes).</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>
    /// The key file (<c>sesric keys create|list|revoke --file</c>): keys with ids, expiry and revocation, accepted besides
    /// <see cref="ApiKeys"/> and reloaded while the service runs. Empty for none.
    /// </summary>
    public string? KeyFile { get; set; }

    /// <summary>The audit log: internal-policy queries, imports, retraining and key changes, as JSON lines.</summary>
    public AuditOptions Audit { get; set; } = new();

    /// <summary>How often the key file is checked for changes, in seconds.</summary>
    public double KeyFileReloadSeconds { get; set; } = 2;

    /// <summary>
    /// How many distinct statistics results are kept in memory (dashboards repeat the same queries); every
    /// write through the service makes them stale. 0 turns the cache off.
    /// </summary>
    public int QueryCacheEntries { get; set; } = 512;

    /// <summary>How many statistics queries may run in the database at once; more wait their turn (within their deadline).</summary>
    public int MaxConcurrentQueries { get; set; } = 4;

    /// <summary>
    /// While the store holds at most this many counted participations, statistics queries that the in-memory path can
    /// answer exactly are computed over the fact rows held in memory (reloaded after every write) instead of in the
    /// database, whose fixed cost per statement is several milliseconds. 0 turns it off.
    /// </summary>
    public int InMemoryFactRows { get; set; } = Semantic.QueryEngine.DefaultInMemoryFactRows;

    /// <summary>
    /// How many report charts may render at once across every <c>RenderReport</c> call (half the cores by default, at
    /// least 1), so that rendering does not take every core from the queries. At least 1; reports are byte-identical
    /// whatever the value.
    /// </summary>
    public int MaxConcurrentChartRenders { get; set; } = ChartRenderSlots.HalfTheCores;

    /// <summary>Requests per second each key may make on average (a token bucket refilled every 100 ms).</summary>
    public int RequestsPerSecondPerKey { get; set; } = 2000;

    /// <summary>The burst a key may make at once before the per-second rate applies.</summary>
    public int BurstPerKey { get; set; } = 4000;

    /// <summary>The largest request message accepted, in bytes (larger: RESOURCE_EXHAUSTED).</summary>
    public int MaxReceiveMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest response message sent, in bytes.</summary>
    public int MaxSendMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The most rows one ImportParticipations call may stream (more: RESOURCE_EXHAUSTED).</summary>
    public int MaxImportRows { get; set; } = 1_000_000;

    /// <summary>
    /// After the store fails under the service (full disk, fatal engine error), the first wait before it is
    /// opened again, in milliseconds; each failed attempt doubles it, up to 30 s.
    /// </summary>
    public int StoreReopenDelayMilliseconds { get; set; } = 1000;
}
