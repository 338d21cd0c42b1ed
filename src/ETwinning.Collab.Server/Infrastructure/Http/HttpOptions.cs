using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Infrastructure.Http;

public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>Largest request body for ordinary API calls; upload routes raise it for themselves.</summary>
    [Range(1_024, long.MaxValue)] public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Folder of the built web client (index.html). Relative to the content root; empty: not served.</summary>
    public string WebClientPath { get; set; } = "";
}
