using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.Pages;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>
/// The one hub. Thin on purpose: a method reads the caller from the connection, calls one feature service and
/// returns. Methods marked <see cref="RequiresPermissionAttribute"/> take the TwinSpace id as their FIRST
/// argument; the permission filter checks it and fills <see cref="Member"/>. Feature services arrive as
/// method parameters from DI, so each feature's partial file stands alone.
/// </summary>
[Authorize]
public sealed partial class TwinSpaceHub(CurrentMember currentMember, PresenceTracker presence, FeatureGroups featureGroups, LivePageService livePages) : Hub<ITwinSpaceClient>
{
    /// <summary>The caller as checked by the permission filter for this invocation.</summary>
    private MemberContext Member => currentMember.Value;

    private CallerIdentity Caller => CallerIdentity.From(Context.User);

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var (twinSpaceId, accountId) in presence.JoinedBy(Context.ConnectionId))
            if (presence.Leave(twinSpaceId, accountId, Context.ConnectionId))
                await Clients.Group(GroupNames.TwinSpace(twinSpaceId))
                    .PresenceChanged(new PresenceEvent(twinSpaceId, accountId, Caller.DisplayName, Online: false));
        featureGroups.Forget(Context.ConnectionId);
        await livePages.DisconnectedAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Joins a feature's group (a chat channel) and remembers it, so losing access removes the connection from it.</summary>
    private async Task JoinFeatureGroupAsync(string twinSpaceId, string group)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        featureGroups.Joined(Context.ConnectionId, twinSpaceId, Caller.AccountId, group);
    }

    private async Task LeaveFeatureGroupAsync(string twinSpaceId, string group)
    {
        featureGroups.Left(Context.ConnectionId, twinSpaceId, Caller.AccountId, group);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
    }
}
