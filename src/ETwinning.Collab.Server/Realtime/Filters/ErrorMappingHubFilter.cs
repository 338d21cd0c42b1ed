using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Localization;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime.Filters;

/// <summary>
/// Outermost hub filter: a <see cref="CollabException"/> becomes <c>HubException("code: message")</c>; anything
/// else is logged and reaches the client only as <c>internal</c>, never with a stack trace or a path. Messages are in
/// the language the connection asked for (<see cref="ConnectionLanguage"/>); codes are the same in every language.
/// </summary>
internal sealed partial class ErrorMappingHubFilter(ILogger<ErrorMappingHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (CollabException refusal)
        {
            LogRefused(invocationContext.HubMethodName, refusal.Code);
            throw new HubException($"{refusal.Code}: {ErrorMessages.For(refusal, LanguageOf(invocationContext))}");
        }
        catch (HubException)
        {
            throw;
        }
        catch (Exception fault)
        {
            LogFault(fault, invocationContext.HubMethodName);
            var message = ErrorMessages.Text(ErrorMessages.InternalKey, LanguageOf(invocationContext), "Something went wrong on the server. Please try again.");
            throw new HubException($"{ErrorCodes.Internal}: {message}");
        }
    }

    private static System.Globalization.CultureInfo LanguageOf(HubInvocationContext invocation) =>
        ConnectionLanguage.Of(invocation.Context);

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Hub method {Method} refused with {Code}")]
    private partial void LogRefused(string method, string code);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Hub method {Method} failed")]
    private partial void LogFault(Exception fault, string method);
}
