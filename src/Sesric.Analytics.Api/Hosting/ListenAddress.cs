using System.Net;

using Sesric.Analytics.Api.Configuration;

namespace Sesric.Analytics.Api.Hosting;

/// <summary>A parsed <c>http://host:port</c> or <c>https://host:port</c> listening address.</summary>
/// <param name="Ip">The IP address to bind (<c>localhost</c> becomes the IPv4 loopback).</param>
/// <param name="Port">The port; 0 lets the system choose a free one.</param>
/// <param name="Tls">Whether the address is <c>https</c>: the service speaks TLS itself there.</param>
public sealed record ListenAddress(IPAddress Ip, int Port, bool Tls = false)
{
    /// <summary>Whether only this machine can reach the address.</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Ip);

    /// <summary>Parses an address, or throws <see cref="ServiceConfigurationException"/> naming the setting.</summary>
    public static ListenAddress Parse(string? text, string setting)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.AbsolutePath == "/"
            && (uri.Host == "localhost" || IPAddress.TryParse(uri.Host.Trim('[', ']'), out _)))
        {
            var ip = uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(uri.Host.Trim('[', ']'));
            return new ListenAddress(ip, uri.Port, uri.Scheme == Uri.UriSchemeHttps);
        }
        throw new ServiceConfigurationException(
            $"{setting} = '{text}' is not a listening address; write http://IP:PORT or https://IP:PORT, such as {SesricOptions.DefaultAddress}.");
    }
}
