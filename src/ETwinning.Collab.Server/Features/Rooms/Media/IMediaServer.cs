namespace ETwinning.Collab.Server.Features.Rooms.Media;

/// <summary>
/// A media server (SFU) that large sessions send their media through. The server drives it; browsers reach it only
/// with media and ICE, never with its API. Each session gets its own media room, which only participants we admitted
/// can enter. Refusals and outages surface as <see cref="Infrastructure.Errors.CollabException"/>s with stable codes
/// (<c>media_unavailable</c> when the media server cannot be reached or fails, <c>not_found</c> for a feed that is
/// not published). Handles of a participant live on the node that holds the participant's connection.
/// </summary>
public interface IMediaServer
{
    /// <summary>A published feed's media reaches the media server: subscribers can have it now (account id of the publisher).</summary>
    event Action<MediaRoom, string>? FeedStarted;

    /// <summary>Creates the session's media room; nothing happens when it exists already.</summary>
    Task OpenRoomAsync(MediaRoom room, CancellationToken cancellationToken = default);

    /// <summary>Destroys the session's media room, throwing everyone out of it; nothing happens when it is gone already.</summary>
    Task CloseRoomAsync(MediaRoom room, CancellationToken cancellationToken = default);

    /// <summary>Publishes the participant's media: their SDP offer in, the media server's SDP answer out.</summary>
    Task<string> PublishAsync(MediaRoom room, MediaParticipant publisher, string offerSdp, CancellationToken cancellationToken = default);

    /// <summary>Subscribes a participant to another one's feed: the media server's SDP offer, which the subscriber answers.</summary>
    Task<string> SubscribeAsync(MediaRoom room, MediaParticipant subscriber, MediaParticipant feed, CancellationToken cancellationToken = default);

    /// <summary>The subscriber's SDP answer to the offer of <see cref="SubscribeAsync"/>; media starts flowing.</summary>
    Task AnswerAsync(MediaRoom room, MediaParticipant subscriber, string feedAccountId, string answerSdp, CancellationToken cancellationToken = default);

    /// <summary>
    /// An ICE candidate of the participant's publishing connection (<paramref name="feedAccountId"/> null) or of its
    /// subscription to that feed; a null candidate says gathering completed.
    /// </summary>
    Task TrickleAsync(MediaRoom room, MediaParticipant participant, string? feedAccountId, MediaCandidate? candidate, CancellationToken cancellationToken = default);

    /// <summary>The account ids publishing a feed in the room now.</summary>
    Task<IReadOnlyList<string>> PublishersAsync(MediaRoom room, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the subscriptions in the room, held by this node's connections, that <paramref name="mayWatch"/> (subscriber
    /// account, feed account) no longer allows: breakout groups opened, so what a client keeps watching is not up to it.
    /// </summary>
    Task EndSubscriptionsAsync(MediaRoom room, Func<string, string, bool> mayWatch, CancellationToken cancellationToken = default);

    /// <summary>The connection left the session: its publication and subscriptions end.</summary>
    Task LeaveAsync(string connectionId, CancellationToken cancellationToken = default);
}
