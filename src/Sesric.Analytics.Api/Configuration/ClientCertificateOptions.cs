using Sesric.Analytics.Api.Security;

namespace Sesric.Analytics.Api.Configuration;

/// <summary>One accepted client certificate (mutual TLS) and its role: by thumbprint (pinned) or by subject (issued by the client CA).</summary>
public sealed class ClientCertificateOptions
{
    /// <summary>Who holds the certificate (shown in logs and the audit log, used as the rate-limit partition).</summary>
    public string Name { get; set; } = "";

    /// <summary>The certificate's SHA-1 thumbprint (hex): that exact certificate, self-signed or not.</summary>
    public string? Thumbprint { get; set; }

    /// <summary>
    /// The certificate's subject distinguished name (such as <c>CN=etl.sesric.org</c>): any certificate with that subject
    /// that chains to <see cref="TlsOptions.ClientCaPath"/>. Refused without a client CA, since anyone can make a
    /// self-signed certificate with any subject.
    /// </summary>
    public string? Subject { get; set; }

    /// <summary>What the certificate's holder may do.</summary>
    public Role Role { get; set; } = Role.Reader;

    /// <summary>
    /// The programmes (slugs) the certificate's holder may see; empty for every programme. Queries, coverage, catalogue lists,
    /// forecasts, reports and imports stay within them (see <see cref="Semantic.DataScope"/>).
    /// </summary>
    public List<string> Programmes { get; set; } = [];

    /// <summary>
    /// The member states (ISO alpha-3 codes) whose participants the certificate's holder may see; empty for every state. Queries,
    /// coverage and the member-state list stay within them; published totals, forecasts and annual reports, which count
    /// every state, are refused (see <see cref="Semantic.DataScope"/>).
    /// </summary>
    public List<string> MemberStates { get; set; } = [];
}
