using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Http;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Answers a refused upload whose body is large or of unknown length, and then closes the connection instead of
/// reading the rest. Two things in ASP.NET Core work against that: the exception handler clears the response headers
/// (so a <c>Connection: close</c> set before rethrowing never reaches the client), and Kestrel reads (drains) an
/// unread body for up to five seconds even when the connection is not kept alive (40 MiB more on a fast link).
/// So the refusal is written here, the connection is held without reading for at most
/// <see cref="LingerMilliseconds"/> (or until the client hangs up), and then aborted.
/// </summary>
internal static class RefusedUploads
{
    /// <summary>A refused body up to this size is left to Kestrel to read to the end: cheaper than a new connection.</summary>
    public const long SmallBodyBytes = 1024 * 1024;

    /// <summary>
    /// Kestrel hands the answer to its socket loop asynchronously, and aborting drops what that loop has not sent yet;
    /// closing a socket with unread data sends a reset. This pause, without reading, lets the answer leave first (the
    /// "lingering close" of web servers, minus the reading). A client that saw the answer and hung up ends it early.
    /// </summary>
    private const int LingerMilliseconds = 1_000;

    /// <summary>True when the rest of the body is not worth reading: large or of unknown length.</summary>
    public static bool ShouldClose(HttpContext http) => http.Request.ContentLength is not { } length || length > SmallBodyBytes;

    public static async Task AnswerAndCloseAsync(HttpContext http, CollabException refusal)
    {
        http.Response.Headers.Connection = "close";
        await ErrorResponses.WriteAsync(http, refusal.Code, refusal.Message).ConfigureAwait(false);
        await http.Response.CompleteAsync().ConfigureAwait(false);
        try { await Task.Delay(LingerMilliseconds, http.RequestAborted).ConfigureAwait(false); }
        catch (OperationCanceledException) { /* the client hung up: nothing left to wait for */ }
        http.Abort();
    }
}
