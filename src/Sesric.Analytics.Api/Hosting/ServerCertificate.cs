using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Sesric.Analytics.Api.Configuration;
using Sesric.Analytics.Api.Security;

namespace Sesric.Analytics.Api.Hosting;

/// <summary>Loads the server certificate that <see cref="TlsOptions"/> names: PEM or PKCS#12 files, or the certificate store.</summary>
public static class ServerCertificate
{
    private const string Setting = $"{SesricOptions.Section}:{nameof(SesricOptions.Tls)}";

    /// <summary>
    /// The certificate with its private key; throws <see cref="ServiceConfigurationException"/> naming the setting when
    /// the file cannot be read, has no private key, or the certificate has expired or is not yet valid at <paramref name="now"/>.
    /// </summary>
    public static X509Certificate2 Load(TlsOptions tls, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tls);
        X509Certificate2 certificate;
        string where;
        if (!string.IsNullOrWhiteSpace(tls.StoreThumbprint))
        {
            where = $"{Setting}:StoreThumbprint = '{tls.StoreThumbprint}'";
            certificate = FromStore(tls, where);
        }
        else
        {
            where = $"{Setting}:CertificatePath = '{tls.CertificatePath}'";
            certificate = FromFiles(tls, where);
        }
        if (!certificate.HasPrivateKey)
        {
            throw new ServiceConfigurationException($"{where}: the certificate has no private key; give the key in {Setting}:KeyPath or use a .pfx that holds it.");
        }
        if (certificate.NotAfter.ToUniversalTime() < now.UtcDateTime || certificate.NotBefore.ToUniversalTime() > now.UtcDateTime)
        {
            throw new ServiceConfigurationException(
                $"{where}: the certificate is valid from {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC, not now; renew it.");
        }
        return certificate;
    }

    private static X509Certificate2 FromFiles(TlsOptions tls, string where)
    {
        var path = tls.CertificatePath!;
        try
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            if (extension is ".pfx" or ".p12")
            {
                return X509CertificateLoader.LoadPkcs12FromFile(path, tls.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
            }
            var keyPath = string.IsNullOrWhiteSpace(tls.KeyPath) ? null : tls.KeyPath;
            using var pem = string.IsNullOrEmpty(tls.CertificatePassword)
                ? X509Certificate2.CreateFromPemFile(path, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, tls.CertificatePassword, keyPath);
            // A PEM key is ephemeral; SslStream on some platforms (Windows) needs it in PKCS#12 form, so it is re-imported once.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new ServiceConfigurationException($"{where} (key: '{tls.KeyPath}') cannot be loaded: {e.Message}");
        }
    }

    private static X509Certificate2 FromStore(TlsOptions tls, string where)
    {
        if (!Enum.TryParse<StoreName>(tls.StoreName, ignoreCase: true, out var name)
            || !Enum.TryParse<StoreLocation>(tls.StoreLocation, ignoreCase: true, out var location))
        {
            throw new ServiceConfigurationException($"{Setting}:StoreName = '{tls.StoreName}' / StoreLocation = '{tls.StoreLocation}' is not a certificate store; use My and CurrentUser or LocalMachine.");
        }
        using var store = new X509Store(name, location);
        try
        {
            store.Open(OpenFlags.ReadOnly);
        }
        catch (CryptographicException e)
        {
            throw new ServiceConfigurationException($"{where}: the store {location}/{name} cannot be opened: {e.Message}");
        }
        var found = store.Certificates.Find(X509FindType.FindByThumbprint, Thumbprints.Normalise(tls.StoreThumbprint!), validOnly: false);
        return found.Count > 0
            ? found[0]
            : throw new ServiceConfigurationException($"{where}: no certificate with that thumbprint in {location}/{name}.");
    }
}
