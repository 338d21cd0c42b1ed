using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Rooms;
using ETwinning.Collab.Server.Features.Rooms.Media;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// The presenters' media of live events, through the rooms' media server (<see cref="IMediaServer"/>): the event's media
/// room exists while the event runs; hosts, co-hosts and presenters publish, admitted participants subscribe to them.
/// Admission is the event's (lobby, supervision of pupils); the signalling limits are those of room sessions
/// (<see cref="RoomMediaService.CheckPayload"/>). Without a media server the event runs without media.
/// </summary>
public sealed partial class LiveEventMediaService
{
    private readonly LiveEventAccess _access;
    private readonly LiveEventStateMachine _machine;
    private readonly RoomMediaService _roomMedia;
    private readonly SignalRateLimiter _signalLimiter;
    private readonly ILiveMediaNotifier _notifier;
    private readonly ILogger<LiveEventMediaService> _logger;
    private readonly IMediaServer? _server;
    private readonly LiveEventOptions _options;

    public LiveEventMediaService(
        LiveEventAccess access, LiveEventStateMachine machine, RoomMediaService roomMedia, SignalRateLimiter signalLimiter, IEnumerable<IMediaServer> mediaServers,
        ILiveMediaNotifier notifier, IOptions<LiveEventOptions> options, ILogger<LiveEventMediaService> logger)
    {
        _access = access;
        _machine = machine;
        _roomMedia = roomMedia;
        _signalLimiter = signalLimiter;
        _notifier = notifier;
        _logger = logger;
        _options = options.Value;
        _server = mediaServers.FirstOrDefault();
        if (_server is not null) _server.FeedStarted += (room, accountId) => _ = AnnounceAsync(room, accountId);
    }

    /// <summary>
    /// The event went live: its media room is made. Best effort: the event runs even when the media server is down, and the
    /// room is made again on the first publication (the media server makes a lost room again when someone enters it).
    /// </summary>
    public async Task EventStartedAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default)
    {
        if (_server is null) return;
        try
        {
            await _server.OpenRoomAsync(Room(liveEvent), cancellationToken).ConfigureAwait(false);
        }
        catch (CollabException failure)
        {
            Log.RoomNotOpened(_logger, liveEvent.Id, failure.Code);
        }
    }

    /// <summary>The event ended: its media room goes, and every presenter and viewer with it. Best effort, as the event has ended already.</summary>
    public async Task EventEndedAsync(LiveEvent liveEvent)
    {
        if (_server is null) return;
        try
        {
            await _server.CloseRoomAsync(Room(liveEvent), CancellationToken.None).ConfigureAwait(false);
        }
        catch (CollabException failure)
        {
            Log.RoomNotClosed(_logger, liveEvent.Id, failure.Code);
        }
    }

    public async Task ConnectionLeftAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        if (_server is not null) await _server.LeaveAsync(connectionId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the event has media, and who presents now (admitted participants only).</summary>
    public async Task<LiveEventMediaView> GetAsync(MemberContext member, string? eventId, CancellationToken cancellationToken = default)
    {
        var (liveEvent, _) = await AdmittedAsync(member, eventId, cancellationToken).ConfigureAwait(false);
        if (_server is null) return new LiveEventMediaView(false, []);
        var publishers = await _server.PublishersAsync(Room(liveEvent), cancellationToken).ConfigureAwait(false);
        return new LiveEventMediaView(true, publishers.Where(id => Presents(liveEvent, id)).ToList());
    }

    /// <summary>
    /// Publishes the caller's media (hosts, co-hosts and presenters; an attendee is refused <c>forbidden</c>). The event hears
    /// of it (<c>LiveMediaPublished</c>) once its media reaches the media server.
    /// </summary>
    public async Task<string> PublishAsync(MemberContext member, string? eventId, string connectionId, string? offer, CancellationToken cancellationToken = default)
    {
        _roomMedia.CheckPayload(RtcSignalKind.Offer, offer, connectionId);
        var (liveEvent, participant) = await AdmittedAsync(member, eventId, cancellationToken).ConfigureAwait(false);
        if (!Presents(liveEvent, participant.AccountId))
            throw CollabException.Forbidden("Only the event's hosts and presenters send media; attendees watch.").WithKey("LiveMedia_NotPresenter");
        return await RequireServer().PublishAsync(Room(liveEvent), new MediaParticipant(member.AccountId, connectionId), offer!, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Subscribes the caller to a presenter's feed: the media server's offer, to answer with <see cref="SignalAsync"/>.</summary>
    public async Task<string> SubscribeAsync(MemberContext member, string? eventId, string connectionId, string? feedAccountId, CancellationToken cancellationToken = default)
    {
        var feedId = Require.Id(feedAccountId, "feedAccountId");
        if (!_signalLimiter.TryAcquire(connectionId)) throw CollabException.RateLimited("Too many signalling messages; slow down.").WithKey("LiveMedia_TooFast");
        var (liveEvent, _) = await AdmittedAsync(member, eventId, cancellationToken).ConfigureAwait(false);
        var feed = RequirePresenter(liveEvent, feedId, member.AccountId);
        return await RequireServer().SubscribeAsync(Room(liveEvent), new MediaParticipant(member.AccountId, connectionId), feed, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// An answer to a subscription's offer, or an ICE candidate, for the media server. <see cref="RtcSignalRequest.ToAccountId"/>
    /// names the connection: the caller's own id for their publication, a presenter's for that subscription.
    /// </summary>
    public async Task SignalAsync(MemberContext member, string? eventId, string connectionId, RtcSignalRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var feedId = Require.Id(request.ToAccountId, "toAccountId");
        if (request.Kind is not (RtcSignalKind.Answer or RtcSignalKind.Candidate))
            throw CollabException.Invalid("The media server takes answers and candidates here; publish offers with PublishLiveEventMedia.").WithKey("LiveMedia_SignalKind");
        _roomMedia.CheckPayload(request.Kind, request.Payload, connectionId);
        var (liveEvent, _) = await AdmittedAsync(member, eventId, cancellationToken).ConfigureAwait(false);
        var server = RequireServer();
        var own = feedId == member.AccountId;
        if (!own) RequirePresenter(liveEvent, feedId, member.AccountId);
        var self = new MediaParticipant(member.AccountId, connectionId);
        if (request.Kind == RtcSignalKind.Answer)
        {
            if (own) throw CollabException.Invalid("Your publication is answered by the media server, not by you.").WithKey("LiveMedia_OwnAnswer");
            await server.AnswerAsync(Room(liveEvent), self, feedId, request.Payload, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await server.TrickleAsync(Room(liveEvent), self, own ? null : feedId, RoomMediaService.ParseCandidate(request.Payload), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>The event and the caller, when they take part in the running event now (not in the lobby).</summary>
    private async Task<(LiveEvent Event, LiveParticipant Participant)> AdmittedAsync(MemberContext member, string? eventId, CancellationToken cancellationToken)
    {
        var (liveEvent, participant) = await _access.DemandAsync(member, eventId, ResourceRule.AttendLiveEvent, cancellationToken).ConfigureAwait(false);
        _machine.RequireAdmitted(liveEvent, participant, LiveEventAccess.SupervisorPresent(liveEvent));
        return (liveEvent, participant);
    }

    /// <summary>A presenter's feed, found by account: a live event's feeds are one per account (<see cref="MediaRoom.FeedPerAccount"/>).</summary>
    private static MediaParticipant RequirePresenter(LiveEvent liveEvent, string feedAccountId, string callerId)
    {
        if (feedAccountId == callerId) throw CollabException.Invalid("Your own media needs no subscription.").WithKey("LiveMedia_OwnFeed");
        if (!Presents(liveEvent, feedAccountId)) throw CollabException.NotFound("Nobody by that id presents in this event.").WithKey("LiveMedia_NoPresenter");
        return new MediaParticipant(feedAccountId, "");
    }

    /// <summary>Hosts, co-hosts and presenters (promoted ones included) send media.</summary>
    private static bool Presents(LiveEvent liveEvent, string accountId) => LiveEventAccess.IsHost(liveEvent, accountId) || liveEvent.PresenterIds.Contains(accountId);

    private IMediaServer RequireServer() => _server
        ?? throw new CollabException(ErrorCodes.MediaUnavailable, "This server has no media server: the event runs without media.").WithKey("LiveMedia_NoMediaServer");

    private MediaRoom Room(LiveEvent liveEvent) => MediaRoom.ForLiveEvent(liveEvent.TwinSpaceId, liveEvent.Id, _options.MaxMediaPublishers);

    private async Task AnnounceAsync(MediaRoom room, string accountId)
    {
        if (room.Scope != MediaScope.LiveEvent) return;
        try
        {
            await _notifier.PublishedAsync(new LiveMediaPublishedEvent(room.TwinSpaceId, room.SessionId, accountId)).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Attendees still find the feed in GetLiveEventMedia; a lost announcement costs a late subscription.
            Log.NotAnnounced(_logger, room.SessionId, failure.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "The media room of live event {EventId} was not opened: {Code}")]
        public static partial void RoomNotOpened(ILogger logger, string eventId, string code);

        [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "The media room of ended live event {EventId} was not closed: {Code}")]
        public static partial void RoomNotClosed(ILogger logger, string eventId, string code);

        [LoggerMessage(EventId = 43, Level = LogLevel.Warning, Message = "A presenter's feed of live event {EventId} was not announced: {Reason}")]
        public static partial void NotAnnounced(ILogger logger, string eventId, string reason);
    }
}
