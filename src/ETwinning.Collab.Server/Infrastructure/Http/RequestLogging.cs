using System.Diagnostics;

namespace ETwinning.Collab.Server.Infrastructure.Http;

/// <summary>
/// Our request log: method, path, status and duration, never the query string, because browsers put the
/// SignalR access token there. ASP.NET Core's own request logging (which prints full URLs) is turned down to
/// warnings in <see cref="HttpExtensions"/>.
/// </summary>
internal sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            LogRequest(context.Request.Method, context.Request.Path, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} -> {Status} in {ElapsedMs:0.0} ms")]
    private partial void LogRequest(string method, PathString path, int status, double elapsedMs);
}
