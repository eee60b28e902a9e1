using Sesric.Analytics.Service;
using Sesric.Analytics.Service.Configuration;

// Wiring only: everything the service is lives in Sesric.Analytics.Service (ServerSetup and the folders beside it).
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddSesricAnalyticsServer(args);
    var app = builder.Build();
    app.MapSesricAnalytics();
    await app.RunAsync();
    return 0;
}
catch (ServerConfigurationException e)
{
    Console.Error.WriteLine($"sesric-analytics-server will not start: {e.Message}");
    return 2;
}

/// <summary>The entry point, public so that tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
