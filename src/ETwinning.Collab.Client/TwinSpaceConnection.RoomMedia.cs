using ETwinning.Collab.Client.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace ETwinning.Collab.Client;

public sealed partial class TwinSpaceConnection
{
    /// <summary>A participant's feed is on the media server (SFU sessions): subscribe to it.</summary>
    public event Action<RoomMediaPublishedEvent>? RoomMediaPublished;

    /// <summary>The session's media mode and, in SFU mode, who publishes now (participants only).</summary>
    public Task<RoomMediaView> GetRoomMediaAsync(string twinSpaceId, string roomId) =>
        InvokeAsync<RoomMediaView>("GetRoomMedia", twinSpaceId, roomId);

    /// <summary>Publishes the caller's media to the media server: the SDP offer in, the media server's SDP answer out.</summary>
    public Task<string> PublishRoomMediaAsync(string twinSpaceId, string roomId, string offer) =>
        InvokeAsync<string>("PublishRoomMedia", twinSpaceId, roomId, offer);

    /// <summary>Subscribes to another participant's feed: the media server's SDP offer, to answer with <see cref="SendRoomMediaSignalAsync"/>.</summary>
    public Task<string> SubscribeRoomMediaAsync(string twinSpaceId, string roomId, string feedAccountId) =>
        InvokeAsync<string>("SubscribeRoomMedia", twinSpaceId, roomId, feedAccountId);

    /// <summary>
    /// An answer to a subscription offer, or an ICE candidate, for the media server. <paramref name="feedAccountId"/>
    /// names the connection: the caller's own id for the publishing one, another participant's for that subscription.
    /// </summary>
    public Task SendRoomMediaSignalAsync(string twinSpaceId, string roomId, string feedAccountId, RtcSignalKind kind, string payload) =>
        InvokeAsync("SendRoomMediaSignal", twinSpaceId, roomId, new RtcSignalRequest(feedAccountId, kind, payload));

    private void RegisterRoomMediaEvents() =>
        Hub.On<RoomMediaPublishedEvent>(RoomEventNames.RoomMediaPublished, e => RoomMediaPublished?.Invoke(e));
}
