namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>Where a method marked <see cref="PublicLiveEventAttribute"/> names its event: always its second argument.</summary>
public enum PublicLiveEventSource
{
    /// <summary>The event id itself.</summary>
    EventId,

    /// <summary>
    /// A chat channel: its id, or a request carrying it (<c>SendChatMessageRequest</c>). Only a live event's own channel
    /// names an event, so an outsider reaches that channel and no other of the TwinSpace's chat.
    /// </summary>
    ChatChannel,
}
