using System.CommandLine;

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

using Sesric.Analytics.Api;
using Sesric.Analytics.Api.Configuration;
using Sesric.Analytics.Cli.Hosting;

namespace Sesric.Analytics.Cli.Commands;

/// <summary>
/// <c>sesric serve</c>: runs the gRPC service (the same host as <c>Sesric.Analytics.Server</c>, through the service library's public
/// <see cref="ServiceSetup"/> entry points) until Ctrl-C.
/// </summary>
public sealed class ServeCommand : BaseCommand
{
    /// <summary>The example shown in <c>--help</c>.</summary>
    public const string Example = "sesric serve --dev --address http://127.0.0.1:5080";

    private readonly Option<string> _address = new("--address")
    {
        Description = "Where the gRPC service listens (plain HTTP/2, loopback by default; port 0 picks a free port).",
        DefaultValueFactory = _ => SesricOptions.DefaultAddress,
    };

    private readonly Option<string> _jsonAddress = new("--json-address")
    {
        Description = "Where the JSON (HTTP/1.1) face listens; empty to serve JSON only on --address.",
        DefaultValueFactory = _ => SesricOptions.DefaultJsonAddress,
    };

    private readonly Option<string> _metricsAddress = new("--metrics-address")
    {
        Description = "Where Prometheus scrapes /metrics (HTTP/1.1, loopback by default); empty for no scraping endpoint.",
        DefaultValueFactory = _ => SesricOptions.DefaultMetricsAddress,
    };

    private readonly Option<bool> _dev = new("--dev")
    {
        Description = "Run in the Development environment: with no API keys configured, a local admin key is generated and printed.",
    };

    /// <summary>Creates the verb.</summary>
    public ServeCommand(CliConsole console)
        : base("serve", $"Run the gRPC service (catalogue, statistics, import; reflection and health) until Ctrl-C.\nAPI keys come from configuration (Sesric__ApiKeys__0__Sha256 …) or, with --dev, a printed local key.\n\nExample:\n  {Example}", console)
    {
        Add(_address);
        Add(_jsonAddress);
        Add(_metricsAddress);
        Add(_dev);
        CommonOptions.AddModelTo(this);
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var args = new List<string>
        {
            "--address", parseResult.GetValue(_address) ?? SesricOptions.DefaultAddress,
            "--json-address", parseResult.GetValue(_jsonAddress) ?? "",
            "--metrics-address", parseResult.GetValue(_metricsAddress) ?? "",
        };
        if (parseResult.GetValue(CommonOptions.Db) is { } db)
        {
            args.Add("--db");
            args.Add(db);
        }
        if (parseResult.GetValue(CommonOptions.Model) is { Length: > 0 } model)
        {
            args.Add("--model");
            args.Add(model);
        }
        var options = new WebApplicationOptions
        {
            Args = args.ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = parseResult.GetValue(_dev) ? Environments.Development : Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environments.Production,
        };
        try
        {
            var builder = WebApplication.CreateBuilder(options);
            builder.AddSesricAnalyticsServer(options.Args);
            await using var app = builder.Build();
            app.MapSesricAnalytics();
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (ServiceConfigurationException e)
        {
            throw new UserErrorException($"the service will not start: {e.Message}");
        }
    }
}
