using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Forums;
using ETwinning.Collab.Server.Features.Rooms;
using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Infrastructure.Nodes;
using ETwinning.Collab.Server.Realtime.Connections;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>
/// Delivers room events over the hub. Groups, accounts and single connections are reached on every node through the
/// SignalR backplane. A removed participant's connection leaves the session scope on the node that holds it: here at once,
/// elsewhere through <see cref="RoomConnectionRemoved"/> on the node bus.
/// </summary>
internal sealed class HubRoomsNotifier(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub, INodeBus bus, IServiceProvider services) : IRoomsNotifier
{
    // Per account, not the TwinSpace group: only the room's members and the teachers may read its title.
    public Task RoomChangedAsync(RoomView room, IReadOnlyList<string> audience) =>
        audience.Count == 0 ? Task.CompletedTask : hub.Clients.Users(audience).RoomChanged(new RoomChangedEvent(room));

    public async Task AccessLostAsync(RoomView room, IReadOnlyList<string> accountIds)
    {
        var message = new RoomAccessLost(room.TwinSpaceId, room.Id, room.ChatChannelId, accountIds);
        await RoomAccessLostHandler.ApplyAsync(Registry, services.GetRequiredService<IForumStore>(), message, CancellationToken.None).ConfigureAwait(false);
        await bus.PublishAsync(message).ConfigureAwait(false);
        await hub.Clients.Users(accountIds).RoomRemoved(new RoomRemovedEvent(room.TwinSpaceId, room.Id)).ConfigureAwait(false);
    }

    public Task SessionStatusAsync(RoomSessionStatusEvent status) =>
        hub.Clients.Group(GroupNames.Room(status.TwinSpaceId, status.RoomId)).RoomSessionStatus(status);

    public Task SessionChangedAsync(RoomSessionView session) =>
        hub.Clients.Group(GroupNames.RoomSession(session.TwinSpaceId, session.RoomId)).RoomSessionChanged(new RoomSessionChangedEvent(session));

    public Task BreakoutMessageAsync(RoomBreakoutMessageEvent message) =>
        hub.Clients.Group(GroupNames.RoomSession(message.TwinSpaceId, message.RoomId)).RoomBreakoutMessage(message);

    public Task NoticeAsync(string connectionId, RoomSessionNoticeEvent notice) => hub.Clients.Client(connectionId).RoomSessionNotice(notice);

    public Task SignalAsync(string connectionId, RtcSignalEvent signal) => hub.Clients.Client(connectionId).RtcSignal(signal);

    public async Task ParticipantRemovedAsync(string connectionId, string twinSpaceId, string roomId)
    {
        var message = new RoomConnectionRemoved(connectionId, twinSpaceId, roomId);
        await RoomConnectionRemovedHandler.ApplyAsync(Registry, message, CancellationToken.None).ConfigureAwait(false);
        await bus.PublishAsync(message).ConfigureAwait(false);
    }

    // Resolved when used: the registry's observers include the rooms' own, which need this notifier (a cycle at construction).
    private ConnectionRegistry Registry => services.GetRequiredService<ConnectionRegistry>();
}
