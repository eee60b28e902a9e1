using Sesric.Analytics.Api.Security;

namespace Sesric.Analytics.Api.Configuration;

/// <summary>One accepted API key, as configured: never the key itself, only its SHA-256 hash.</summary>
/// <remarks>Make a hash with <c>printf %s "$KEY" | sha256sum</c>; the hex digest goes in <see cref="Sha256"/>.</remarks>
public sealed class ApiKeyOptions
{
    /// <summary>Who holds the key (shown in logs, used as the rate-limit partition); never secret.</summary>
    public string Name { get; set; } = "";

    /// <summary>The lower- or upper-case hex SHA-256 digest of the key's UTF-8 bytes (64 characters).</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>What the key may do.</summary>
    public Role Role { get; set; } = Role.Reader;

    /// <summary>
    /// The programmes (slugs) the key may see; empty for every programme. Queries, coverage, catalogue lists,
    /// forecasts, reports and imports stay within them (see <see cref="Semantic.DataScope"/>).
    /// </summary>
    public List<string> Programmes { get; set; } = [];

    /// <summary>
    /// The member states (ISO alpha-3 codes) whose participants the key may see; empty for every state. Queries,
    /// coverage and the member-state list stay within them; published totals, forecasts and annual reports, which count
    /// every state, are refused (see <see cref="Semantic.DataScope"/>).
    /// </summary>
    public List<string> MemberStates { get; set; } = [];
}
