namespace Sesric.Analytics.Service.Configuration;

/// <summary>The configuration does not allow the service to start; the message says what to set.</summary>
public sealed class ServerConfigurationException(string message) : Exception(message);
