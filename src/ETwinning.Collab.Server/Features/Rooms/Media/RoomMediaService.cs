using System.Text;
using System.Text.Json;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Nodes;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Rooms.Media;

/// <summary>
/// The media side of live sessions: which mode a session uses, its media room's life, and the signalling of SFU
/// sessions, which goes through the hub to the media server (browsers never talk to the media server's API). SFU
/// signalling has the rules of mesh signalling: the same size limits, the same per-connection rate limiter, and only
/// a participant on the connection they joined with, about another participant of the same session.
/// </summary>
public sealed partial class RoomMediaService
{
    private readonly RoomService _rooms;
    private readonly IRoomSessionStates _states;
    private readonly IRoomMediaNotifier _notifier;
    private readonly SignalRateLimiter _signalLimiter;
    private readonly TimeProvider _clock;
    private readonly ILogger<RoomMediaService> _logger;
    private readonly IMediaServer? _server;
    private readonly INodeBus _bus;
    private readonly RoomsOptions _options;

    public RoomMediaService(
        RoomService rooms, IRoomSessionStates states, IEnumerable<IMediaServer> mediaServers, IRoomMediaNotifier notifier, SignalRateLimiter signalLimiter,
        INodeBus bus, IOptions<RoomsOptions> options, TimeProvider clock, ILogger<RoomMediaService> logger)
    {
        _rooms = rooms;
        _bus = bus;
        _states = states;
        _notifier = notifier;
        _signalLimiter = signalLimiter;
        _clock = clock;
        _logger = logger;
        _options = options.Value;
        _server = mediaServers.FirstOrDefault();
        if (_server is not null) _server.FeedStarted += (room, accountId) => _ = AnnounceAsync(room, accountId);
    }

    /// <summary>
    /// Decided from what the session was started with: a room seating more possible video senders than
    /// <see cref="RoomsOptions.MaxMeshVideoSenders"/> goes through the media server, when there is one. Every node
    /// computes the same answer from the shared state, and it never changes during the session, so nobody's media
    /// has to be renegotiated when people join.
    /// </summary>
    public RoomMediaMode ModeOf(RoomSessionState session) =>
        _server is not null && session.Capacity > _options.MaxMeshVideoSenders ? RoomMediaMode.Sfu : RoomMediaMode.Mesh;

    /// <summary>Before a session starts: an SFU session gets its media room, or does not start (<c>media_unavailable</c>).</summary>
    public async Task SessionStartingAsync(RoomSessionState session, CancellationToken cancellationToken = default)
    {
        if (ModeOf(session) == RoomMediaMode.Sfu) await _server!.OpenRoomAsync(Room(session), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After a session ended (or did not start): its media room goes, and everyone with it. Best effort: the session
    /// has ended already, so a failure is logged (the room is empty and stays unusable without our tokens).
    /// </summary>
    public async Task SessionEndedAsync(RoomSessionState session)
    {
        if (ModeOf(session) != RoomMediaMode.Sfu) return;
        try
        {
            await _server!.CloseRoomAsync(Room(session), CancellationToken.None).ConfigureAwait(false);
        }
        catch (CollabException failure)
        {
            Log.RoomNotClosed(_logger, session.SessionId, failure.Code);
        }
    }

    /// <summary>
    /// Breakout groups opened or changed: nobody keeps watching a feed of another group, whatever their client does.
    /// Subscriptions live where the subscriber's connection is, so the other nodes are told to end theirs too.
    /// </summary>
    public async Task BreakoutsChangedAsync(RoomSessionState session, CancellationToken cancellationToken = default)
    {
        if (ModeOf(session) != RoomMediaMode.Sfu) return;
        await EndSubscriptionsAcrossGroupsHereAsync(session, cancellationToken).ConfigureAwait(false);
        await _bus.PublishAsync(new RoomBreakoutsChanged(session.TwinSpaceId, session.RoomId), cancellationToken).ConfigureAwait(false);
    }

    internal async Task EndSubscriptionsAcrossGroupsHereAsync(RoomSessionState session, CancellationToken cancellationToken)
    {
        if (ModeOf(session) != RoomMediaMode.Sfu || session.Breakouts is not { } groups) return;
        try
        {
            await _server!.EndSubscriptionsAsync(Room(session), (subscriber, feed) => !groups.Separates(subscriber, feed), cancellationToken).ConfigureAwait(false);
        }
        catch (CollabException failure)
        {
            // The groups are open already; a subscription Janus failed to end stops with the session or the connection.
            Log.SubscriptionsNotEnded(_logger, session.SessionId, failure.Code);
        }
    }

    public async Task ConnectionLeftAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        if (_server is not null) await _server.LeaveAsync(connectionId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The session's mode and, in SFU mode, who publishes now (participants only).</summary>
    public async Task<RoomMediaView> GetAsync(MemberContext member, string? roomId, string connectionId, CancellationToken cancellationToken = default)
    {
        var session = await SessionOfParticipantAsync(member, roomId, connectionId, cancellationToken).ConfigureAwait(false);
        if (ModeOf(session) == RoomMediaMode.Mesh) return new RoomMediaView(RoomMediaMode.Mesh, []);
        var publishers = await _server!.PublishersAsync(Room(session), cancellationToken).ConfigureAwait(false);
        return new RoomMediaView(RoomMediaMode.Sfu, publishers.Where(id => session.Participants.Any(p => p.AccountId == id)).ToList());
    }

    /// <summary>
    /// Publishes the caller's media. The other participants hear of it (<c>RoomMediaPublished</c>) once its media
    /// reaches the media server, because a feed can be subscribed to only from then on.
    /// </summary>
    public async Task<string> PublishAsync(MemberContext member, string? roomId, string connectionId, string? offer, CancellationToken cancellationToken = default)
    {
        CheckPayload(RtcSignalKind.Offer, offer, connectionId);
        var session = await SessionOfParticipantAsync(member, roomId, connectionId, cancellationToken).ConfigureAwait(false);
        var server = RequireSfu(session);
        return await server.PublishAsync(Room(session), new MediaParticipant(member.AccountId, connectionId), offer!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Subscribes the caller to another participant's feed: the media server's offer, to answer with <see cref="SignalAsync"/>.</summary>
    public async Task<string> SubscribeAsync(MemberContext member, string? roomId, string connectionId, string? feedAccountId, CancellationToken cancellationToken = default)
    {
        var feedId = Require.Id(feedAccountId, "feedAccountId");
        if (!_signalLimiter.TryAcquire(connectionId)) throw CollabException.RateLimited("Too many signalling messages; slow down.").WithKey("Room_SignalFlood");
        var session = await SessionOfParticipantAsync(member, roomId, connectionId, cancellationToken).ConfigureAwait(false);
        var feed = new RoomSessionMachine(session, _clock.GetUtcNow().UtcDateTime).SignallingTarget(SessionActor.Of(member, connectionId), feedId);
        return await RequireSfu(session).SubscribeAsync(
            Room(session), new MediaParticipant(member.AccountId, connectionId), new MediaParticipant(feed.AccountId, feed.ConnectionId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An answer to a subscription's offer, or an ICE candidate, for the media server. <see cref="RtcSignalRequest.ToAccountId"/>
    /// names the connection: the caller's own id for their publication, another participant's for that subscription.
    /// Offers are refused here: publishing is <see cref="PublishAsync"/>.
    /// </summary>
    public async Task SignalAsync(MemberContext member, string? roomId, string connectionId, RtcSignalRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var feedId = Require.Id(request.ToAccountId, "toAccountId");
        if (request.Kind is not (RtcSignalKind.Answer or RtcSignalKind.Candidate))
            throw CollabException.Invalid("The media server takes answers and candidates here; publish offers with PublishRoomMedia.").WithKey("Room_MediaOffersElsewhere");
        CheckPayload(request.Kind, request.Payload, connectionId);
        var session = await SessionOfParticipantAsync(member, roomId, connectionId, cancellationToken).ConfigureAwait(false);
        var server = RequireSfu(session);
        var own = feedId == member.AccountId;
        if (!own) new RoomSessionMachine(session, _clock.GetUtcNow().UtcDateTime).SignallingTarget(SessionActor.Of(member, connectionId), feedId);
        var self = new MediaParticipant(member.AccountId, connectionId);
        if (request.Kind == RtcSignalKind.Answer)
        {
            if (own) throw CollabException.Invalid("Your publication is answered by the media server, not by you.").WithKey("Room_MediaOwnAnswer");
            await server.AnswerAsync(Room(session), self, feedId, request.Payload, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await server.TrickleAsync(Room(session), self, own ? null : feedId, ParseCandidate(request.Payload), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AnnounceAsync(MediaRoom room, string accountId)
    {
        if (room.Scope != MediaScope.RoomSession) return;
        try
        {
            await _notifier.PublishedAsync(new RoomMediaPublishedEvent(room.TwinSpaceId, room.RoomId, room.SessionId, accountId)).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The participants still find the feed in GetRoomMedia; a lost announcement costs a late subscription.
            Log.NotAnnounced(_logger, room.SessionId, failure.Message);
        }
    }

    /// <summary>The limits of mesh signalling: a payload, not too large, within the connection's rate (live events' media shares them).</summary>
    internal void CheckPayload(RtcSignalKind kind, string? payload, string connectionId)
    {
        if (string.IsNullOrEmpty(payload)) throw CollabException.Invalid("The signal has no payload.").WithKey("Room_SignalEmpty");
        var limit = kind == RtcSignalKind.Candidate ? _options.MaxCandidateBytes : _options.MaxSdpBytes;
        if (Encoding.UTF8.GetByteCount(payload) > limit) throw CollabException.TooLarge($"A {kind} may be at most {limit} bytes.").WithKey("Room_SignalTooLarge", kind, limit);
        if (!_signalLimiter.TryAcquire(connectionId)) throw CollabException.RateLimited("Too many signalling messages; slow down.").WithKey("Room_SignalFlood");
    }

    /// <summary>The caller's running session, when they take part in it on this connection.</summary>
    private async Task<RoomSessionState> SessionOfParticipantAsync(MemberContext member, string? roomId, string connectionId, CancellationToken cancellationToken)
    {
        var room = await _rooms.RequireJoinableAsync(member, roomId, cancellationToken).ConfigureAwait(false);
        var session = await _states.FindAsync(room.TwinSpaceId, room.Id, cancellationToken).ConfigureAwait(false)
            ?? throw CollabException.NotFound("No session is running in this room.").WithKey("Room_NoSessionRunning");
        var self = session.Participants.Find(p => p.AccountId == member.AccountId)
            ?? throw CollabException.Forbidden("Only participants of the session can send or receive its media.").WithKey("Room_MediaParticipantsOnly");
        if (self.ConnectionId != connectionId) throw CollabException.Forbidden("Signal from the connection you joined the session with.").WithKey("Room_SignalConnection");
        return session;
    }

    private IMediaServer RequireSfu(RoomSessionState session) =>
        ModeOf(session) == RoomMediaMode.Sfu ? _server! : throw CollabException.Invalid("This session is a mesh: signal the other participants with SendRtcSignal.").WithKey("Room_MediaMesh");

    /// <summary><c>RTCIceCandidateInit</c> as JSON; an empty candidate (the browser's end of gathering) is null.</summary>
    internal static MediaCandidate? ParseCandidate(string payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw CollabException.Invalid("A candidate is a JSON object (RTCIceCandidateInit).").WithKey("Room_MediaCandidate");
            var candidate = root.TryGetProperty("candidate", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            if (string.IsNullOrEmpty(candidate)) return null;
            var mid = root.TryGetProperty("sdpMid", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            int? index = root.TryGetProperty("sdpMLineIndex", out var i) && i.ValueKind == JsonValueKind.Number ? i.GetInt32() : null;
            return new MediaCandidate(candidate, mid, index);
        }
        catch (Exception malformed) when (malformed is JsonException or FormatException or InvalidOperationException)
        {
            throw CollabException.Invalid("A candidate is a JSON object (RTCIceCandidateInit).").WithKey("Room_MediaCandidate");
        }
    }

    private static MediaRoom Room(RoomSessionState session) => new(session.TwinSpaceId, session.RoomId, session.SessionId, session.Capacity);

    private static partial class Log
    {
        [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "The media room of ended session {SessionId} was not closed: {Code}")]
        public static partial void RoomNotClosed(ILogger logger, string sessionId, string code);

        [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "A published feed of session {SessionId} was not announced: {Reason}")]
        public static partial void NotAnnounced(ILogger logger, string sessionId, string reason);

        [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Subscriptions across breakout groups of session {SessionId} were not ended: {Code}")]
        public static partial void SubscriptionsNotEnded(ILogger logger, string sessionId, string code);
    }
}
