namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>Where a request carries its bearer token: the Authorization header, or for the hub the query string.</summary>
internal static class TokenLocator
{
    public const string HubPathPrefix = "/hubs";

    public static string? Find(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        // WebSockets and server-sent events cannot send headers from a browser; SignalR sends the token here.
        return request.Path.StartsWithSegments(HubPathPrefix) ? request.Query["access_token"].ToString() is { Length: > 0 } token ? token : null : null;
    }
}
