using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Rooms.Media;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using Microsoft.AspNetCore.Mvc;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>The media of SFU sessions: negotiated through the hub, so browsers reach the media server with media and ICE only.</summary>
public sealed partial class TwinSpaceHub
{
    [RequiresPermission(TwinSpaceAction.JoinRooms, ResourceRule.JoinRoom)]
    public Task<RoomMediaView> GetRoomMedia(string twinSpaceId, string roomId, [FromServices] RoomMediaService media) =>
        media.GetAsync(Member, roomId, Context.ConnectionId);

    [RequiresPermission(TwinSpaceAction.JoinRooms, ResourceRule.JoinRoom)]
    public Task<string> PublishRoomMedia(string twinSpaceId, string roomId, string offer, [FromServices] RoomMediaService media) =>
        media.PublishAsync(Member, roomId, Context.ConnectionId, offer);

    [RequiresPermission(TwinSpaceAction.JoinRooms, ResourceRule.JoinRoom)]
    public Task<string> SubscribeRoomMedia(string twinSpaceId, string roomId, string feedAccountId, [FromServices] RoomMediaService media) =>
        media.SubscribeAsync(Member, roomId, Context.ConnectionId, feedAccountId);

    [RequiresPermission(TwinSpaceAction.JoinRooms, ResourceRule.JoinRoom)]
    public Task SendRoomMediaSignal(string twinSpaceId, string roomId, RtcSignalRequest request, [FromServices] RoomMediaService media) =>
        media.SignalAsync(Member, roomId, Context.ConnectionId, request);
}
