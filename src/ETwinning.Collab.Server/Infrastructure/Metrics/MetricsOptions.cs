using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Infrastructure.Metrics;

/// <summary>Where metrics go: nowhere by default; a Prometheus scrape endpoint and/or an OTLP collector by option.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    public PrometheusMetricsOptions Prometheus { get; set; } = new();

    public OtlpMetricsOptions Otlp { get; set; } = new();

    public bool IsExporting => Prometheus.Enabled || Otlp.IsEnabled;
}
