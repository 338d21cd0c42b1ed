using System.Text.Json;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Localization;
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
        var language = RequestLanguage.Of(context);
        var (code, message) = exception switch
        {
            CollabException refusal => (refusal.Code, ErrorMessages.For(refusal, language)),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (ErrorCodes.TooLarge, ErrorMessages.Text(ErrorMessages.RequestTooLargeKey, language, "The request is too large.")),
            BadHttpRequestException or JsonException =>
                (ErrorCodes.Invalid, ErrorMessages.Text(ErrorMessages.MalformedKey, language, "The request is malformed.")),
            _ => (ErrorCodes.Internal, ErrorMessages.Text(ErrorMessages.InternalKey, language, "Something went wrong on the server. Please try again.")),
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
