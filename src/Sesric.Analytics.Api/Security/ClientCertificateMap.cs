using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Sesric.Analytics.Api.Configuration;

namespace Sesric.Analytics.Api.Security;

/// <summary>
/// The client certificates (mutual TLS) the service accepts and the caller each one stands for: pinned by thumbprint,
/// or by subject when the certificate chains to the configured client CA.
/// </summary>
/// <remarks>
/// A subject alone is never trusted: anyone can make a self-signed certificate with any subject, so matching by subject
/// needs <see cref="TlsOptions.ClientCaPath"/>. Chain checks are cached by thumbprint (a connection's certificate is
/// checked once, not on every call).
/// </remarks>
/// <threadsafety>Safe to share; the cache is concurrent.</threadsafety>
public sealed class ClientCertificateMap
{
    private const string Setting = $"{SesricOptions.Section}:{nameof(SesricOptions.Tls)}:{nameof(TlsOptions.ClientCertificates)}";
    private readonly Dictionary<string, Caller> _byThumbprint = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Caller> _bySubject = new(StringComparer.OrdinalIgnoreCase);
    private readonly X509Certificate2? _clientCa;
    private readonly ConcurrentDictionary<string, Caller?> _checked = new(StringComparer.Ordinal);

    /// <summary>No client certificates accepted.</summary>
    public static ClientCertificateMap Empty { get; } = new(new TlsOptions());

    /// <summary>Builds the map; throws <see cref="ServiceConfigurationException"/> naming the entry that is wrong.</summary>
    public ClientCertificateMap(TlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        if (!string.IsNullOrWhiteSpace(tls.ClientCaPath))
        {
            try
            {
                _clientCa = X509CertificateLoader.LoadCertificateFromFile(tls.ClientCaPath);
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new ServiceConfigurationException($"{SesricOptions.Section}:Tls:ClientCaPath = '{tls.ClientCaPath}' cannot be loaded: {e.Message}");
            }
        }
        for (var i = 0; i < tls.ClientCertificates.Count; i++)
        {
            var entry = tls.ClientCertificates[i];
            var where = $"{Setting}:{i}";
            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                throw new ServiceConfigurationException($"{where}:Name is empty; name every client certificate (it appears in logs).");
            }
            if (!Enum.IsDefined(entry.Role))
            {
                throw new ServiceConfigurationException($"{where}:Role for '{entry.Name}' must be Reader, Analyst or Admin.");
            }
            Caller caller;
            try
            {
                caller = new Caller(entry.Name, entry.Role, "cert:" + entry.Name) { Scope = Semantic.DataScope.FromSlugs(entry.Programmes) };
            }
            catch (FormatException e)
            {
                throw new ServiceConfigurationException($"{where}:Programmes for '{entry.Name}': {e.Message}");
            }
            try
            {
                caller = caller with { Scope = Semantic.DataScope.FromSlugs(entry.Programmes, entry.MemberStates) };
            }
            catch (FormatException e)
            {
                throw new ServiceConfigurationException($"{where}:MemberStates for '{entry.Name}': {e.Message}");
            }
            var hasThumbprint = !string.IsNullOrWhiteSpace(entry.Thumbprint);
            var hasSubject = !string.IsNullOrWhiteSpace(entry.Subject);
            if (hasThumbprint == hasSubject)
            {
                throw new ServiceConfigurationException($"{where}: give '{entry.Name}' either a Thumbprint or a Subject (one of them).");
            }
            if (hasThumbprint)
            {
                var thumbprint = Thumbprints.Normalise(entry.Thumbprint!);
                if (thumbprint.Length != 40 || !_byThumbprint.TryAdd(thumbprint, caller))
                {
                    throw new ServiceConfigurationException($"{where}:Thumbprint for '{entry.Name}' is not a SHA-1 thumbprint (40 hex characters) or repeats another entry's.");
                }
            }
            else if (_clientCa is null)
            {
                throw new ServiceConfigurationException(
                    $"{where}:Subject for '{entry.Name}' needs {SesricOptions.Section}:Tls:ClientCaPath (the CA that issues client certificates): a subject alone can be forged with a self-signed certificate.");
            }
            else if (!_bySubject.TryAdd(entry.Subject!.Trim(), caller))
            {
                throw new ServiceConfigurationException($"{where}:Subject for '{entry.Name}' repeats another entry's.");
            }
        }
    }

    /// <summary>How many certificates or subjects are mapped.</summary>
    public int Count => _byThumbprint.Count + _bySubject.Count;

    /// <summary>The caller <paramref name="certificate"/> stands for, or null when it is not accepted.</summary>
    public Caller? Find(X509Certificate2? certificate)
    {
        if (certificate is null || Count == 0)
        {
            return null;
        }
        if (_byThumbprint.TryGetValue(certificate.Thumbprint, out var pinned))
        {
            return pinned;
        }
        return _bySubject.Count == 0 ? null : _checked.GetOrAdd(certificate.Thumbprint, _ => BySubject(certificate));
    }

    private Caller? BySubject(X509Certificate2 certificate)
    {
        if (!_bySubject.TryGetValue(certificate.Subject, out var caller))
        {
            return null;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_clientCa!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate) ? caller : null;
    }
}
