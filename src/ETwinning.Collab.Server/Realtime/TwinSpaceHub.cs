using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
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
public sealed partial class TwinSpaceHub(CurrentMember currentMember, PresenceTracker presence, SubgroupTracker subgroups) : Hub<ITwinSpaceClient>
{
    /// <summary>The caller as checked by the permission filter for this invocation.</summary>
    private MemberContext Member => currentMember.Value;

    private CallerIdentity Caller => CallerIdentity.From(Context.User);

    /// <summary>
    /// Joins a group inside the TwinSpace BEFORE reading, so no event falls between the read and the join; if the
    /// read fails (no such thread), the connection leaves again. Tracked so eviction from the TwinSpace removes it.
    /// </summary>
    private async Task<T> JoinWhileReadingAsync<T>(string twinSpaceId, string group, Func<Task<T>> read)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        subgroups.Add(Context.ConnectionId, twinSpaceId, group);
        try { return await read(); }
        catch
        {
            await LeaveSubgroupAsync(twinSpaceId, group);
            throw;
        }
    }

    private async Task LeaveSubgroupAsync(string twinSpaceId, string group)
    {
        subgroups.Remove(Context.ConnectionId, twinSpaceId, group);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var (twinSpaceId, accountId) in presence.JoinedBy(Context.ConnectionId))
            if (presence.Leave(twinSpaceId, accountId, Context.ConnectionId))
                await Clients.Group(GroupNames.TwinSpace(twinSpaceId))
                    .PresenceChanged(new PresenceEvent(twinSpaceId, accountId, Caller.DisplayName, Online: false));
        subgroups.Forget(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }
}
