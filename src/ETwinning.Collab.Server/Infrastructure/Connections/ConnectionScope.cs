namespace ETwinning.Collab.Server.Infrastructure.Connections;

/// <summary>
/// One thing a connection joined: a TwinSpace (<see cref="ResourceId"/> empty) or a resource in it. Every scope
/// belongs to one TwinSpace, so losing access to a TwinSpace takes the connection out of all its scopes there.
/// </summary>
public readonly record struct ConnectionScope(ScopeKind Kind, string TwinSpaceId, string ResourceId = "")
{
    public static ConnectionScope TwinSpace(string twinSpaceId) => new(ScopeKind.TwinSpace, twinSpaceId);

    public static ConnectionScope Page(string twinSpaceId, string pageId) => new(ScopeKind.Page, twinSpaceId, pageId);

    public static ConnectionScope ChatChannel(string twinSpaceId, string channelId) => new(ScopeKind.ChatChannel, twinSpaceId, channelId);

    public static ConnectionScope ForumDiscussion(string twinSpaceId, string discussionId) => new(ScopeKind.ForumDiscussion, twinSpaceId, discussionId);

    public static ConnectionScope ForumThread(string twinSpaceId, string threadId) => new(ScopeKind.ForumThread, twinSpaceId, threadId);

    public static ConnectionScope Room(string twinSpaceId, string roomId) => new(ScopeKind.Room, twinSpaceId, roomId);

    public static ConnectionScope RoomSession(string twinSpaceId, string roomId) => new(ScopeKind.RoomSession, twinSpaceId, roomId);
    public static ConnectionScope LiveEvent(string twinSpaceId, string eventId) => new(ScopeKind.LiveEvent, twinSpaceId, eventId);

    public static ConnectionScope LiveEventLanguage(string twinSpaceId, string eventId, string language) =>
        new(ScopeKind.LiveEventLanguage, twinSpaceId, eventId + "/" + language);

    public static ConnectionScope OutsiderChatChannel(string twinSpaceId, string channelId, string language) =>
        new(ScopeKind.OutsiderChatChannel, twinSpaceId, channelId + "/" + language);
}
