using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// The members of one kind of channel, kept by the feature that owns them rather than in the channel's member list: a
/// live event's chat belongs to whoever has a seat at that moment, thousands of attendees who register and cancel
/// while it runs. Chat asks this before every read or write check of such a channel; supervision still applies.
/// </summary>
public interface IChatChannelAudience
{
    ChatChannelKind Kind { get; }

    ValueTask<ChatStanding> StandingAsync(string twinSpaceId, ChatChannel channel, string accountId, CancellationToken cancellationToken = default);
}
