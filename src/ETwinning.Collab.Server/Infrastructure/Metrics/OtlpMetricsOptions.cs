using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Infrastructure.Metrics;

/// <summary>Pushes metrics to an OpenTelemetry collector (OTLP over gRPC, or HTTP/protobuf) when an endpoint is set.</summary>
public sealed class OtlpMetricsOptions
{
    /// <summary>The collector, e.g. <c>http://otel-collector:4317</c>. Empty: no push.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary><c>Grpc</c> (port 4317) or <c>HttpProtobuf</c> (port 4318, path <c>/v1/metrics</c>).</summary>
    [RegularExpression("^(Grpc|HttpProtobuf)$")] public string Protocol { get; set; } = "Grpc";

    [Range(1, 3_600)] public int ExportIntervalSeconds { get; set; } = 15;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Endpoint);
}
