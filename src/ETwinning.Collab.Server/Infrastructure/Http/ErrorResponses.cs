using System.Text.Json;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace ETwinning.Collab.Server.Infrastructure.Http;

/// <summary>
/// Turns every failed HTTP request into <c>{ code, message }</c> with the matching status: refusals keep their
/// code, malformed or oversized requests become <c>invalid</c> / <c>too_large</c>, faults become <c>internal</c>.
/// </summary>
internal sealed partial class ErrorResponses(ILogger<ErrorResponses> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (code, message) = exception switch
        {
            CollabException refusal => (refusal.Code, refusal.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (ErrorCodes.TooLarge, "The request is too large."),
            BadHttpRequestException or JsonException => (ErrorCodes.Invalid, "The request is malformed."),
            _ => (ErrorCodes.Internal, "Something went wrong on the server. Please try again."),
        };
        if (code == ErrorCodes.Internal) LogFault(exception, context.Request.Path);
        await WriteAsync(context, code, message);
        return true;
    }

    public static Task WriteAsync(HttpContext context, string code, string message)
    {
        context.Response.StatusCode = ErrorCodes.HttpStatus(code);
        return context.Response.WriteAsJsonAsync(new ErrorBody(code, message));
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Error, Message = "Request {Path} failed")]
    private partial void LogFault(Exception fault, PathString path);
}
