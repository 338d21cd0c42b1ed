using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime.Filters;

/// <summary>
/// Outermost hub filter: a <see cref="CollabException"/> becomes <c>HubException("code: message")</c>; anything
/// else is logged and reaches the client only as <c>internal</c>, never with a stack trace or a path.
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
            throw new HubException($"{refusal.Code}: {refusal.Message}");
        }
        catch (HubException)
        {
            throw;
        }
        catch (Exception fault)
        {
            LogFault(fault, invocationContext.HubMethodName);
            throw new HubException($"{ErrorCodes.Internal}: Something went wrong on the server. Please try again.");
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Hub method {Method} refused with {Code}")]
    private partial void LogRefused(string method, string code);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Hub method {Method} failed")]
    private partial void LogFault(Exception fault, string method);
}
