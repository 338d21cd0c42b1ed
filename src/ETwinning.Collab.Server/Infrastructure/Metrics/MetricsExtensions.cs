using System.ComponentModel.DataAnnotations;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace ETwinning.Collab.Server.Infrastructure.Metrics;

public static class MetricsExtensions
{
    // ASP.NET Core's and .NET's own meters: requests, Kestrel and SignalR connections, GC and thread pool. Free to add.
    private static readonly string[] PlatformMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections", "System.Runtime"];

    /// <summary>OpenTelemetry metrics when an exporter is configured (<see cref="MetricsOptions"/>); nothing otherwise.</summary>
    public static IHostApplicationBuilder AddCollabMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section)
            .Validate(options => IsValid(options.Prometheus) && IsValid(options.Otlp), "Metrics: invalid Prometheus or Otlp settings.")
            .Validate(options => options.Prometheus.IsValid, "Metrics:Prometheus:ScrapeKey must be empty or at least 16 characters long.")
            .Validate(options => !options.Otlp.IsEnabled || Uri.IsWellFormedUriString(options.Otlp.Endpoint, UriKind.Absolute),
                "Metrics:Otlp:Endpoint must be an absolute URL.")
            .ValidateOnStart();
        var options = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        if (!options.IsExporting) return builder;
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter([CollabMetrics.MeterName, .. PlatformMeters]);
            if (options.Prometheus.Enabled) metrics.AddPrometheusExporter();
            if (options.Otlp.IsEnabled)
            {
                metrics.AddOtlpExporter((exporter, reader) =>
                {
                    exporter.Endpoint = new Uri(options.Otlp.Endpoint);
                    exporter.Protocol = options.Otlp.Protocol == nameof(OtlpExportProtocol.HttpProtobuf) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = options.Otlp.ExportIntervalSeconds * 1000;
                });
            }
        });
        return builder;
    }

    /// <summary>The Prometheus scrape endpoint, when enabled, behind <see cref="ScrapeGuard"/>.</summary>
    public static WebApplication MapCollabMetrics(this WebApplication app)
    {
        var prometheus = app.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>()?.Prometheus ?? new PrometheusMetricsOptions();
        if (!prometheus.Enabled) return app;
        app.MapPrometheusScrapingEndpoint(prometheus.Path, meterProvider: null,
            configureBranchedPipeline: branch => branch.Use(next => ScrapeGuard.Protect(next, prometheus)), optionsName: null);
        return app;
    }

    private static bool IsValid(object options) => Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true);
}
