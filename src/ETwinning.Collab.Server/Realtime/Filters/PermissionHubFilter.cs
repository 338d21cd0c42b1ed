using System.Collections.Concurrent;
using System.Reflection;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime.Filters;

/// <summary>
/// The hub side of the one permission mechanism: for a method marked <see cref="RequiresPermissionAttribute"/>,
/// the first argument is the TwinSpace id; <see cref="PermissionGuard"/> checks it before the method runs.
/// </summary>
internal sealed class PermissionHubFilter : IHubFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, RequiresPermissionAttribute?> Requirements = new();
    private static readonly ConcurrentDictionary<MethodInfo, PublicLiveEventAttribute?> OpenToPublicEvents = new();

    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var requirement = Requirements.GetOrAdd(invocationContext.HubMethod, m => m.GetCustomAttribute<RequiresPermissionAttribute>());
        if (requirement is not null)
        {
            var twinSpaceId = invocationContext.HubMethodArguments.Count > 0 ? invocationContext.HubMethodArguments[0] as string : null;
            var services = invocationContext.ServiceProvider;
            var caller = CallerIdentity.From(invocationContext.Context.User);
            var aborted = invocationContext.Context.ConnectionAborted;
            // Only methods marked for public events, whose second argument names the event, may let a non-member in.
            var member = OpenToPublicEvents.GetOrAdd(invocationContext.HubMethod, m => m.GetCustomAttribute<PublicLiveEventAttribute>()) is { } open
                ? await services.GetRequiredService<PublicLiveEventGate>().DemandAsync(caller, twinSpaceId, open.From,
                    invocationContext.HubMethodArguments.Count > 1 ? invocationContext.HubMethodArguments[1] : null,
                    requirement.Action, aborted).ConfigureAwait(false)
                : await services.GetRequiredService<PermissionGuard>().DemandAsync(caller, twinSpaceId, requirement.Action, aborted).ConfigureAwait(false);
            services.GetRequiredService<CurrentMember>().Set(member);
        }
        return await next(invocationContext).ConfigureAwait(false);
    }
}
