using ETwinning.Collab.Server.Infrastructure.Connections;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>SignalR group names, in one place so no feature invents its own spelling.</summary>
public static class GroupNames
{
    /// <summary>The group of a registry scope (see <see cref="Connections.ConnectionRegistry"/>).</summary>
    public static string Of(ConnectionScope scope) => scope.Kind switch
    {
        ScopeKind.TwinSpace => TwinSpace(scope.TwinSpaceId),
        ScopeKind.Page => Page(scope.TwinSpaceId, scope.ResourceId),
        ScopeKind.ChatChannel => ChatChannel(scope.TwinSpaceId, scope.ResourceId),
        ScopeKind.ForumDiscussion => ForumDiscussion(scope.TwinSpaceId, scope.ResourceId),
        ScopeKind.ForumThread => ForumThread(scope.TwinSpaceId, scope.ResourceId),
        ScopeKind.Room => Room(scope.TwinSpaceId, scope.ResourceId),
        ScopeKind.RoomSession => RoomSession(scope.TwinSpaceId, scope.ResourceId),
        ScopeKind.LiveEvent => LiveEvent(scope.TwinSpaceId, scope.ResourceId),
        ScopeKind.LiveEventLanguage => $"ts:{scope.TwinSpaceId}:live-event-language:{scope.ResourceId}",
        ScopeKind.OutsiderChatChannel => $"chat:{scope.TwinSpaceId}:outsiders:{scope.ResourceId}",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope.Kind, "No group for this kind of scope."),
    };

    public static string TwinSpace(string twinSpaceId) => "ts:" + twinSpaceId;

    /// <summary>The connections that opened one chat channel.</summary>
    public static string ChatChannel(string twinSpaceId, string channelId) => $"chat:{twinSpaceId}:{channelId}";

    /// <summary>The connections in a live event that read <paramref name="language"/> (see <see cref="ScopeKind.LiveEventLanguage"/>).</summary>
    public static string LiveEventLanguage(string twinSpaceId, string eventId, string language) =>
        Of(ConnectionScope.LiveEventLanguage(twinSpaceId, eventId, language));

    /// <summary>Outsiders of a public event reading its chat in <paramref name="language"/> (see <see cref="ScopeKind.OutsiderChatChannel"/>).</summary>
    public static string OutsiderChatChannel(string twinSpaceId, string channelId, string language) =>
        Of(ConnectionScope.OutsiderChatChannel(twinSpaceId, channelId, language));

    /// <summary>The connections that joined one page's live document.</summary>
    public static string Page(string twinSpaceId, string pageId) => "pg:" + twinSpaceId + ":" + pageId;

    /// <summary>Connections viewing one forum discussion (its thread list).</summary>
    public static string ForumDiscussion(string twinSpaceId, string discussionId) => $"ts:{twinSpaceId}:forum-discussion:{discussionId}";

    /// <summary>Connections viewing one forum thread (its posts).</summary>
    public static string ForumThread(string twinSpaceId, string threadId) => $"ts:{twinSpaceId}:forum-thread:{threadId}";

    /// <summary>Connections that opened one room (participants and lobby guests).</summary>
    public static string Room(string twinSpaceId, string roomId) => $"ts:{twinSpaceId}:room:{roomId}";

    /// <summary>The participants of one room's live session.</summary>
    public static string RoomSession(string twinSpaceId, string roomId) => $"ts:{twinSpaceId}:room-session:{roomId}";
    /// <summary>Connections in one live event (lobby included).</summary>
    public static string LiveEvent(string twinSpaceId, string eventId) => $"ts:{twinSpaceId}:live-event:{eventId}";
}
