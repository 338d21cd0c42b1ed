using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Realtime.Connections;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>
/// The one hub. Thin on purpose: a method reads the caller from the connection, calls one feature service and
/// returns. Methods marked <see cref="RequiresPermissionAttribute"/> take the TwinSpace id as their FIRST
/// argument; the permission filter checks it and fills <see cref="Member"/>. Feature services arrive as
/// method parameters from DI, so each feature's partial file stands alone. Joining and leaving anything goes
/// through the <see cref="ConnectionRegistry"/>, which tells the features that care.
/// </summary>
[Authorize]
public sealed partial class TwinSpaceHub(
    CurrentMember currentMember, ConnectionRegistry connections, AccountConnections accounts, IHostApplicationLifetime lifetime)
    : Hub<ITwinSpaceClient>
{
    /// <summary>The caller as checked by the permission filter for this invocation.</summary>
    private MemberContext Member => currentMember.Value;

    private CallerIdentity Caller => CallerIdentity.From(Context.User);

    public override Task OnConnectedAsync()
    {
        // A stopping node closes its connections, and their clients reconnect at once: one that reaches this node
        // again before Kestrel stops accepting would be open after SignalR closed the others, and would hold the
        // shutdown for its whole timeout (30 s). Sent away now, it reconnects through the balancer to a live node.
        if (lifetime.ApplicationStopping.IsCancellationRequested) Context.Abort();
        else accounts.Connected(Caller.AccountId, Context.ConnectionId);
        return base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        accounts.Disconnected(Caller.AccountId, Context.ConnectionId);
        await connections.DisconnectedAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Joins a scope of the TwinSpace checked by the permission filter, as the member it found.</summary>
    private Task JoinAsync(ConnectionScope scope) =>
        connections.JoinAsync(new ConnectionMember(Context.ConnectionId, Member.AccountId, Member.Membership.DisplayName), scope);

    private Task LeaveAsync(ConnectionScope scope) => connections.LeaveAsync(Context.ConnectionId, scope);

    /// <summary>
    /// Joins a scope BEFORE reading its state, so no event falls between the read and the join; if the read fails
    /// (no such thread, page or channel in this TwinSpace), the connection leaves again.
    /// </summary>
    private async Task<T> JoinWhileReadingAsync<T>(ConnectionScope scope, Func<Task<T>> read)
    {
        await JoinAsync(scope);
        try { return await read(); }
        catch
        {
            await LeaveAsync(scope);
            throw;
        }
    }
}
