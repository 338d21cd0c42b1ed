namespace ETwinning.Collab.Server.Infrastructure.Connections;

/// <summary>What a connection can join: a TwinSpace, or one live resource inside it.</summary>
public enum ScopeKind
{
    TwinSpace,
    Page,
    ChatChannel,
    ForumDiscussion,
    ForumThread,
    /// <summary>A room's view: its session's status and, for lobby guests, their place in the lobby.</summary>
    Room,
    /// <summary>The participants of a room's live session.</summary>
    RoomSession,
    LiveEvent,
    /// <summary>
    /// Outsiders of a public event who opened its chat, one group per language (<c>channelId/language</c>): they get
    /// the channel's events with pupils named anonymously in their language, and never the members' group.
    /// </summary>
    OutsiderChatChannel,
    /// <summary>
    /// The connections in a live event that read in one language (<c>eventId/language</c>), beside <see cref="LiveEvent"/>:
    /// what names people differently per language in a public event goes to these groups.
    /// </summary>
    LiveEventLanguage,
}
