using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Infrastructure.Metrics;

/// <summary>
/// Outermost hub filter: counts connections, calls, and failed calls by the code their caller saw. It sits outside the
/// error mapping, so it reads the code from the <c>"code: message"</c> every refusal becomes.
/// </summary>
internal sealed class MetricsHubFilter : IHubFilter
{
    // Error codes are short snake_case words (ErrorCodes); anything else is counted as internal, so a message can
    // never become a label value of its own.
    private const int MaxCodeLength = 32;
    private const string InternalCode = "internal";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var method = new KeyValuePair<string, object?>("method", invocationContext.HubMethodName);
        CollabMetrics.HubCalls.Add(1, method);
        try
        {
            return await next(invocationContext);
        }
        catch (Exception error)
        {
            CollabMetrics.HubErrors.Add(1, method, new("code", CodeOf(error)));
            throw;
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        // After the hub accepted it: SignalR does not call OnDisconnectedAsync for a connection whose OnConnectedAsync threw.
        CollabMetrics.Connections.Add(1);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        CollabMetrics.Connections.Add(-1);
        await next(context, exception);
    }

    private static string CodeOf(Exception error)
    {
        if (error is not HubException { Message: var message }) return InternalCode;
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        if (colon is <= 0 or > MaxCodeLength) return InternalCode;
        var code = message[..colon];
        return code.All(c => c is (>= 'a' and <= 'z') or '_') ? code : InternalCode;
    }
}
