using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Sesric.Analytics.Api.Configuration;

/// <summary>
/// The service's own TLS (bound from <c>Sesric:Tls</c>): the server certificate, from files or the certificate
/// store, and optionally client certificates (mutual TLS) mapped to roles. Used by every <c>https://</c> address.
/// </summary>
/// <remarks>
/// Terminating TLS at a proxy in front of the service stays supported: leave this empty and listen on loopback (or
/// set <see cref="SesricOptions.AllowPlaintext"/> when the proxy reaches the service over a network).
/// </remarks>
public sealed class TlsOptions
{
    /// <summary>
    /// The server certificate file: PEM (<c>.pem</c>, <c>.crt</c>; the private key in <see cref="KeyPath"/> or in the same
    /// file) or PKCS#12 (<c>.pfx</c>, <c>.p12</c>, with <see cref="CertificatePassword"/> when it has one).
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM certificate (PKCS#8, RSA or EC); empty when the certificate file holds it.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of a PKCS#12 file or of an encrypted PEM key; better given as an environment variable (<c>Sesric__Tls__CertificatePassword</c>).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The thumbprint (SHA-1 hex) of a certificate with its private key in the certificate store, instead of files.</summary>
    public string? StoreThumbprint { get; set; }

    /// <summary>The store <see cref="StoreThumbprint"/> is looked up in (default <c>My</c>).</summary>
    public string StoreName { get; set; } = "My";

    /// <summary>The store location: <c>CurrentUser</c> (default) or <c>LocalMachine</c>.</summary>
    public string StoreLocation { get; set; } = "CurrentUser";

    /// <summary>
    /// Whether clients present a certificate: <c>NoCertificate</c> (default), <c>AllowCertificate</c> (a mapped
    /// certificate authenticates the call without an API key) or <c>RequireCertificate</c> (mutual TLS: a connection
    /// without an accepted certificate fails in the handshake).
    /// </summary>
    public ClientCertificateMode ClientCertificateMode { get; set; } = ClientCertificateMode.NoCertificate;

    /// <summary>A PEM file of the certificate authority that issues client certificates; needed for mapping by subject.</summary>
    public string? ClientCaPath { get; set; }

    /// <summary>The accepted client certificates and the role each one gets.</summary>
    public List<ClientCertificateOptions> ClientCertificates { get; set; } = [];

    /// <summary>Whether a server certificate is configured (from files or the store).</summary>
    public bool HasServerCertificate => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(StoreThumbprint);
}
