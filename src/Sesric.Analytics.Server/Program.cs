using Sesric.Analytics.Api;
using Sesric.Analytics.Api.Configuration;
using Sesric.Analytics.Api.Hosting;

// Wiring only: everything the service is lives in Sesric.Analytics.Api (ServiceSetup and the folders beside it).
try
{
    // The content root is the server's own folder, so appsettings.json is read whatever the working directory.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddSesricAnalyticsServer(args);
    var app = builder.Build();
    app.MapSesricAnalytics();
    var store = app.Services.GetRequiredService<StoreHost>();
    await app.RunAsync();
    // A store that cannot be opened stops the host before the banner; that is a failed start, not a clean stop.
    if (store.StartupFailure is { } failure)
    {
        Console.Error.WriteLine($"sesric-analytics-server will not start: the store cannot be opened: {failure.Message}");
        return 2;
    }
    return 0;
}
catch (ServiceConfigurationException e)
{
    Console.Error.WriteLine($"sesric-analytics-server will not start: {e.Message}");
    return 2;
}

/// <summary>The entry point, public so that tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
