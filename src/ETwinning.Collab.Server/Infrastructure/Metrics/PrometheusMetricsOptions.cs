using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Infrastructure.Metrics;

/// <summary>
/// The scrape endpoint. With <see cref="ScrapeKey"/> set, a scrape must send <c>Authorization: Bearer &lt;key&gt;</c>
/// (401 otherwise); without one, only loopback clients may scrape (404 for everyone else, as if it were not there).
/// </summary>
public sealed class PrometheusMetricsOptions
{
    public bool Enabled { get; set; }

    [RegularExpression("^/[A-Za-z0-9/_-]*$")] public string Path { get; set; } = "/metrics";

    /// <summary>A shared secret for the scraper; at least <see cref="MinScrapeKeyLength"/> characters when set.</summary>
    public string? ScrapeKey { get; set; }

    public const int MinScrapeKeyLength = 16;

    public bool IsValid => string.IsNullOrEmpty(ScrapeKey) || ScrapeKey.Length >= MinScrapeKeyLength;
}
