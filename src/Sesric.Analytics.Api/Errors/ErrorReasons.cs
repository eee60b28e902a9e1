namespace Sesric.Analytics.Api.Errors;

/// <summary>
/// The <c>google.rpc.ErrorInfo.reason</c> values this service sends (AIP-193: UPPER_SNAKE_CASE, stable,
/// unique within <see cref="Domain"/>). Clients may branch on them; messages are for people.
/// </summary>
public static class ErrorReasons
{
    /// <summary>The <c>ErrorInfo.domain</c> of every error this service sends.</summary>
    public const string Domain = "analytics.sesric.org";

    /// <summary>No <c>x-api-key</c> metadata.</summary>
    public const string ApiKeyMissing = "API_KEY_MISSING";

    /// <summary>A key the server does not accept.</summary>
    public const string ApiKeyInvalid = "API_KEY_INVALID";

    /// <summary>The key's role is too low for the method or the policy asked for.</summary>
    public const string RoleTooLow = "ROLE_TOO_LOW";

    /// <summary>The request names a programme outside the key's scope.</summary>
    public const string OutOfScope = "OUT_OF_SCOPE";

    /// <summary>A method no role may call.</summary>
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";

    /// <summary>One or more request fields are invalid; see the BadRequest details.</summary>
    public const string InvalidRequest = "INVALID_REQUEST";

    /// <summary>A semantic query the engine refused (unknown measure, bad filter, …).</summary>
    public const string InvalidQuery = "INVALID_QUERY";

    /// <summary>An import batch with invalid rows: nothing was written.</summary>
    public const string ImportRejected = "IMPORT_REJECTED";

    /// <summary>An import's request id was used before for other rows; nothing was written.</summary>
    public const string RequestIdReused = "REQUEST_ID_REUSED";

    /// <summary>A page token that is malformed or belongs to another query.</summary>
    public const string InvalidPageToken = "INVALID_PAGE_TOKEN";

    /// <summary>The resource named does not exist.</summary>
    public const string NotFound = "RESOURCE_NOT_FOUND";

    /// <summary>The key made more requests than its rate allows.</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>The request is larger than the server accepts.</summary>
    public const string TooLarge = "REQUEST_TOO_LARGE";

    /// <summary>The store is still opening or seeding.</summary>
    public const string NotReady = "SERVICE_NOT_READY";

    /// <summary>The disk holding the store is full; nothing was written.</summary>
    public const string StoreDiskFull = "STORE_DISK_FULL";

    /// <summary>The store failed (fatal engine error, damaged file, not writable) and is being reopened.</summary>
    public const string StoreUnavailable = "STORE_UNAVAILABLE";

    /// <summary>The call's deadline passed before it finished.</summary>
    public const string DeadlineExceeded = "DEADLINE_EXCEEDED";

    /// <summary>The client cancelled the call.</summary>
    public const string Cancelled = "CANCELLED";

    /// <summary>An unexpected failure; the server log has the details under the request id.</summary>
    public const string Internal = "INTERNAL";
}
