using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Infrastructure.Http;

public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>Largest request body for ordinary API calls; upload routes raise it for themselves.</summary>
    [Range(1_024, long.MaxValue)] public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Folder of the built web client (index.html). Relative to the content root; empty: not served.</summary>
    public string WebClientPath { get; set; } = "";

    /// <summary>
    /// Addresses of the load balancers in front of this node (e.g. <c>127.0.0.1</c> for nginx on the same machine).
    /// Only requests from these addresses may name the client's address in <c>X-Forwarded-For</c>; login limits per
    /// address and the request log then see the client, not the balancer. Empty (the default): the header is ignored.
    /// </summary>
    public IList<string> KnownProxies { get; } = [];
}
