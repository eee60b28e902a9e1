using System.Security.Cryptography.X509Certificates;

using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

using Sesric.Analytics.Api.Configuration;
using Sesric.Analytics.Api.Security;

namespace Sesric.Analytics.Api.Hosting;

/// <summary>
/// Where and how the service listens, checked before it starts: the addresses, the server certificate for
/// <c>https</c> ones, the client certificates, and the refusal to speak plain text on a network address.
/// </summary>
/// <param name="Grpc">The gRPC address.</param>
/// <param name="Json">The HTTP/1.1 JSON address, or null.</param>
/// <param name="Certificate">The server certificate, or null when no address is <c>https</c>.</param>
/// <param name="ClientCertificateMode">Whether TLS connections present a client certificate.</param>
/// <param name="ClientCertificates">The accepted client certificates and their callers.</param>
public sealed record ListenPlan(
    ListenAddress Grpc, ListenAddress? Json, X509Certificate2? Certificate, ClientCertificateMode ClientCertificateMode, ClientCertificateMap ClientCertificates)
{
    private const string AddressSetting = $"{SesricOptions.Section}:{nameof(SesricOptions.Address)}";
    private const string JsonSetting = $"{SesricOptions.Section}:{nameof(SesricOptions.JsonAddress)}";

    /// <summary>
    /// Checks <paramref name="options"/> and loads the certificates; throws <see cref="ServiceConfigurationException"/>
    /// with the reason when the service must not start that way.
    /// </summary>
    public static ListenPlan From(SesricOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var grpc = Check(ListenAddress.Parse(options.Address, AddressSetting), options, AddressSetting);
        var json = string.IsNullOrWhiteSpace(options.JsonAddress) ? null : Check(ListenAddress.Parse(options.JsonAddress, JsonSetting), options, JsonSetting);
        var anyTls = grpc.Tls || json?.Tls == true;
        var mode = options.Tls.ClientCertificateMode;
        if (!Enum.IsDefined(mode))
        {
            throw new ServiceConfigurationException($"{SesricOptions.Section}:Tls:ClientCertificateMode must be NoCertificate, AllowCertificate or RequireCertificate.");
        }
        if (mode != ClientCertificateMode.NoCertificate && !anyTls)
        {
            throw new ServiceConfigurationException(
                $"{SesricOptions.Section}:Tls:ClientCertificateMode = {mode} needs TLS, but no address is https://; client certificates travel only in a TLS handshake.");
        }
        var map = new ClientCertificateMap(options.Tls);
        if (mode != ClientCertificateMode.NoCertificate && map.Count == 0)
        {
            throw new ServiceConfigurationException(
                $"{SesricOptions.Section}:Tls:ClientCertificateMode = {mode}, but {SesricOptions.Section}:Tls:ClientCertificates is empty; map at least one certificate (Name, Thumbprint or Subject, Role).");
        }
        var certificate = anyTls ? ServerCertificate.Load(options.Tls, now) : null;
        return new ListenPlan(grpc, json, certificate, mode, map);
    }

    /// <summary>Kestrel's TLS settings for an <c>https</c> endpoint: the certificate, and the client certificate check.</summary>
    public HttpsConnectionAdapterOptions HttpsOptions() => new()
    {
        ServerCertificate = Certificate ?? throw new InvalidOperationException("no server certificate was loaded; ListenPlan.From checks https addresses."),
        ClientCertificateMode = ClientCertificateMode,
        // Only mapped certificates pass the handshake; the chain of a pinned (possibly self-signed) one is not required to build.
        ClientCertificateValidation = (certificate, _, _) => ClientCertificates.Find(certificate) is not null,
    };

    /// <summary>The protocols of an address: gRPC needs HTTP/2; over TLS, ALPN lets HTTP/1.1 (JSON, browsers) share the port.</summary>
    public static HttpProtocols Protocols(ListenAddress address, HttpProtocols plain) => address.Tls ? HttpProtocols.Http1AndHttp2 : plain;

    private static ListenAddress Check(ListenAddress address, SesricOptions options, string setting)
    {
        if (address.Tls && !options.Tls.HasServerCertificate)
        {
            throw new ServiceConfigurationException(
                $"{setting} is https://, but no server certificate is configured; set {SesricOptions.Section}:Tls:CertificatePath (PEM with {SesricOptions.Section}:Tls:KeyPath, or .pfx) or {SesricOptions.Section}:Tls:StoreThumbprint.");
        }
        if (!address.Tls && !address.IsLoopback && !options.AllowPlaintext)
        {
            throw new ServiceConfigurationException(
                $"{setting} = 'http://{address.Ip}:{address.Port}' would listen in plain text on a network address, so API keys and figures would cross the network unencrypted. "
                + $"Listen on https:// with a certificate ({SesricOptions.Section}:Tls:CertificatePath), or on loopback (http://127.0.0.1:PORT) behind a TLS-terminating proxy; "
                + $"only if a proxy on a trusted network must reach the service in plain text, set {SesricOptions.Section}:{nameof(SesricOptions.AllowPlaintext)}=true.");
        }
        return address;
    }
}
