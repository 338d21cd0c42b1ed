using ETwinning.Collab.Client.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace ETwinning.Collab.Client;

public sealed partial class TwinSpaceConnection
{
    /// <summary>A presenter's feed of a live event is on the media server: subscribe to it.</summary>
    public event Action<LiveMediaPublishedEvent>? LiveMediaPublished;

    /// <summary>Whether the event has media and who presents now (admitted participants only).</summary>
    public Task<LiveEventMediaView> GetLiveEventMediaAsync(string twinSpaceId, string eventId) =>
        InvokeAsync<LiveEventMediaView>("GetLiveEventMedia", twinSpaceId, eventId);

    /// <summary>Publishes the caller's media (hosts, co-hosts, presenters): the SDP offer in, the media server's SDP answer out.</summary>
    public Task<string> PublishLiveEventMediaAsync(string twinSpaceId, string eventId, string offer) =>
        InvokeAsync<string>("PublishLiveEventMedia", twinSpaceId, eventId, offer);

    /// <summary>Subscribes to a presenter's feed: the media server's SDP offer, to answer with <see cref="SendLiveEventMediaSignalAsync"/>.</summary>
    public Task<string> SubscribeLiveEventMediaAsync(string twinSpaceId, string eventId, string feedAccountId) =>
        InvokeAsync<string>("SubscribeLiveEventMedia", twinSpaceId, eventId, feedAccountId);

    /// <summary>An answer to a subscription offer, or an ICE candidate (own account id: the publishing connection).</summary>
    public Task SendLiveEventMediaSignalAsync(string twinSpaceId, string eventId, string feedAccountId, RtcSignalKind kind, string payload) =>
        InvokeAsync("SendLiveEventMediaSignal", twinSpaceId, eventId, new RtcSignalRequest(feedAccountId, kind, payload));

    private void RegisterLiveEventMediaEvents() =>
        Hub.On<LiveMediaPublishedEvent>(LiveEventNames.LiveMediaPublished, e => LiveMediaPublished?.Invoke(e));
}
