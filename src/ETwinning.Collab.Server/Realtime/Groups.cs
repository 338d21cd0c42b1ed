namespace ETwinning.Collab.Server.Realtime;

/// <summary>SignalR group names, in one place so no feature invents its own spelling.</summary>
public static class GroupNames
{
    public static string TwinSpace(string twinSpaceId) => "ts:" + twinSpaceId;

    /// <summary>The connections that opened one chat channel.</summary>
    public static string ChatChannel(string twinSpaceId, string channelId) => $"chat:{twinSpaceId}:{channelId}";

    /// <summary>The connections that joined one page's live document.</summary>
    public static string Page(string twinSpaceId, string pageId) => "pg:" + twinSpaceId + ":" + pageId;

    /// <summary>Connections viewing one forum discussion (its thread list).</summary>
    public static string ForumDiscussion(string twinSpaceId, string discussionId) => $"ts:{twinSpaceId}:forum-discussion:{discussionId}";

    /// <summary>Connections viewing one forum thread (its posts).</summary>
    public static string ForumThread(string twinSpaceId, string threadId) => $"ts:{twinSpaceId}:forum-thread:{threadId}";
}
