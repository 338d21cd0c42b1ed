using System.Security.Cryptography;
using System.Text;

namespace ETwinning.Collab.Server.Infrastructure.Metrics;

/// <summary>
/// Who may read <c>/metrics</c> (<see cref="PrometheusMetricsOptions"/>): the holder of the scrape key, or, when no key
/// is configured, a client on this machine. Metrics name hub methods and error rates: not for everyone on the internet.
/// </summary>
internal static class ScrapeGuard
{
    private const string BearerPrefix = "Bearer ";

    public static RequestDelegate Protect(RequestDelegate next, PrometheusMetricsOptions options) => async context =>
    {
        if (options.ScrapeKey is { Length: > 0 } key)
        {
            if (!HasKey(context.Request.Headers.Authorization.ToString(), key))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return;
            }
        }
        else if (context.Connection.RemoteIpAddress is not { } address || !System.Net.IPAddress.IsLoopback(address))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await next(context);
    };

    private static bool HasKey(string authorization, string key)
    {
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)) return false;
        // Constant time, so the key cannot be guessed a character at a time from response times.
        return CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(authorization[BearerPrefix.Length..].Trim()), Encoding.UTF8.GetBytes(key));
    }
}
