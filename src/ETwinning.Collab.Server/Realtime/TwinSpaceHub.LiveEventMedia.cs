using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.AspNetCore.Mvc;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>
/// The presenters' media of live events, negotiated through the hub like SFU sessions' media. Only a connection that joined
/// the event signals: leaving the event (or disconnecting) is what takes its media off the media server. Outsiders of a
/// public event watch its stage like members, and send only once a host promoted them to presenter.
/// </summary>
public sealed partial class TwinSpaceHub
{
    [PublicLiveEvent]
    [RequiresPermission(TwinSpaceAction.JoinLiveEvents, ResourceRule.AttendLiveEvent)]
    public Task<LiveEventMediaView> GetLiveEventMedia(string twinSpaceId, string eventId, [FromServices] LiveEventMediaService media) =>
        media.GetAsync(Member, eventId);

    [PublicLiveEvent]
    [RequiresPermission(TwinSpaceAction.JoinLiveEvents, ResourceRule.AttendLiveEvent)]
    public Task<string> PublishLiveEventMedia(string twinSpaceId, string eventId, string offer, [FromServices] LiveEventMediaService media)
    {
        RequireInLiveEvent(twinSpaceId, eventId);
        return media.PublishAsync(Member, eventId, Context.ConnectionId, offer);
    }

    [PublicLiveEvent]
    [RequiresPermission(TwinSpaceAction.JoinLiveEvents, ResourceRule.AttendLiveEvent)]
    public Task<string> SubscribeLiveEventMedia(string twinSpaceId, string eventId, string feedAccountId, [FromServices] LiveEventMediaService media)
    {
        RequireInLiveEvent(twinSpaceId, eventId);
        return media.SubscribeAsync(Member, eventId, Context.ConnectionId, feedAccountId);
    }

    [PublicLiveEvent]
    [RequiresPermission(TwinSpaceAction.JoinLiveEvents, ResourceRule.AttendLiveEvent)]
    public Task SendLiveEventMediaSignal(string twinSpaceId, string eventId, RtcSignalRequest request, [FromServices] LiveEventMediaService media)
    {
        RequireInLiveEvent(twinSpaceId, eventId);
        return media.SignalAsync(Member, eventId, Context.ConnectionId, request);
    }

    private void RequireInLiveEvent(string twinSpaceId, string eventId)
    {
        if (!connections.Holds(Context.ConnectionId, ConnectionScope.LiveEvent(twinSpaceId ?? "", eventId ?? "")))
            throw CollabException.Forbidden("Join the event (JoinLiveEvent) on this connection before sending or receiving its media.").WithKey("LiveMedia_JoinFirst");
    }
}
