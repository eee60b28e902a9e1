namespace Sesric.Analytics.Api.Configuration;

/// <summary>The configuration does not allow the service to start; the message says what to set.</summary>
public sealed class ServiceConfigurationException(string message) : Exception(message);
