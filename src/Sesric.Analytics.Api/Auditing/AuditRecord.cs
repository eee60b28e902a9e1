using System.Text.Json.Serialization;

namespace Sesric.Analytics.Api.Auditing;

/// <summary>
/// One line of the audit log. It names the credential by its public id and says what was asked and what came of it;
/// it never holds a key secret, a participant id or a row of data.
/// </summary>
/// <param name="Time">When the call ended or the key change was seen (UTC).</param>
/// <param name="Event"><c>call</c>, or a key change: <c>key_created</c>, <c>key_revoked</c>, <c>key_changed</c>, <c>key_removed</c>.</param>
/// <param name="KeyId">The caller's key id (<c>key_…</c>, <c>config:NAME</c>, <c>cert:NAME</c>); null when the call was not authenticated.</param>
/// <param name="Method">The RPC (<c>StatsService/Query</c>), or <c>KeyFile</c> for a key change.</param>
/// <param name="RequestId">The call's request id (<c>x-request-id</c>), as the response trailers carry it.</param>
/// <param name="Policy">The disclosure policy asked for (queries).</param>
/// <param name="Filter">The query's filter text as the caller sent it (queries).</param>
/// <param name="RowsReturned">Result rows sent back (queries).</param>
/// <param name="RowsWritten">Rows inserted or changed (imports, edition upserts).</param>
/// <param name="Outcome"><c>OK</c> or the gRPC status (<c>PermissionDenied</c>, <c>Unauthenticated</c>…).</param>
/// <param name="Detail">What else a records officer needs: import counts, the edition, the model version, the key's name and role.</param>
/// <param name="Scope">
/// What the credential may see when it is scoped (<c>diplomacy-cab; member states EGY, TUR</c>, as
/// <see cref="Semantic.DataScope.ToString"/> prints it); absent for a key that sees everything or an unknown key.
/// </param>
public sealed record AuditRecord(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("key_id")] string? KeyId,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("request_id")] string? RequestId,
    [property: JsonPropertyName("policy")] string? Policy,
    [property: JsonPropertyName("filter")] string? Filter,
    [property: JsonPropertyName("rows_returned")] long? RowsReturned,
    [property: JsonPropertyName("rows_written")] long? RowsWritten,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("scope")] string? Scope = null)
{
    /// <summary>The <see cref="Scope"/> field for <paramref name="scope"/>: its text when restricted, else null.</summary>
    public static string? ScopeOf(Semantic.DataScope? scope) => scope is null || scope.IsUnrestricted ? null : scope.ToString();
}
