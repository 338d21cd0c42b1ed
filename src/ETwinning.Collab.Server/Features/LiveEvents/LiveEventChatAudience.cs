using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Chat;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// The members of a live event's chat: its hosts and whoever has a seat, as stored at the moment of the check, so a
/// seat given by the waiting list opens the chat and a cancelled one closes it on every node. The chat feature keeps
/// supervision (the TwinSpace's teachers read it) and moderation; an ended event's chat stays readable, closed for
/// writing.
/// </summary>
public sealed class LiveEventChatAudience(ILiveEventStore store) : IChatChannelAudience
{
    private const string ChannelIdPrefix = "ev";

    public ChatChannelKind Kind => ChatChannelKind.LiveEvent;

    public static string ChannelIdOf(string eventId) => ChannelIdPrefix + eventId;

    /// <summary>The event a live event's channel id belongs to, or null when the id cannot be one (check the channel's kind too).</summary>
    public static string? EventIdOf(string channelId) =>
        channelId.Length > ChannelIdPrefix.Length && channelId.StartsWith(ChannelIdPrefix, StringComparison.Ordinal) ? channelId[ChannelIdPrefix.Length..] : null;

    public async ValueTask<ChatStanding> StandingAsync(string twinSpaceId, ChatChannel channel, string accountId, CancellationToken cancellationToken = default)
    {
        if (!channel.Id.StartsWith(ChannelIdPrefix, StringComparison.Ordinal)) return default;
        var liveEvent = await store.FindEventAsync(twinSpaceId, channel.Id[ChannelIdPrefix.Length..], cancellationToken).ConfigureAwait(false);
        if (liveEvent is null) return new ChatStanding(IsMember: false, IsClosed: true);
        var closed = liveEvent.State == LiveEventState.Ended;
        if (LiveEventAccess.IsHost(liveEvent, accountId)) return new ChatStanding(IsMember: true, closed);
        var registration = await store.FindRegistrationAsync(twinSpaceId, liveEvent.Id, accountId, cancellationToken).ConfigureAwait(false);
        return new ChatStanding(registration?.Status == LiveRegistrationStatus.Registered, closed);
    }
}
