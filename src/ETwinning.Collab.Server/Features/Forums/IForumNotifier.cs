using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>
/// The events the Forums feature emits; Realtime delivers them over the hub. Views passed here are the public
/// ones (what any member may see): per-member details (likedByMe, unread) are left to each client.
/// </summary>
public interface IForumNotifier
{
    /// <summary>To the whole TwinSpace; a room's discussion only to the connections that opened the room.</summary>
    Task DiscussionCreatedAsync(string twinSpaceId, ForumDiscussionView discussion);

    /// <summary>
    /// To the whole TwinSpace (so lists of threads and unread badges update) and the discussion's viewers; in a room's
    /// discussion (<paramref name="roomId"/>) to the room's open connections and the discussion's viewers only.
    /// </summary>
    Task ThreadCreatedAsync(string twinSpaceId, string? roomId, ForumThreadView thread);

    /// <summary>To the discussion's and the thread's viewers.</summary>
    Task ThreadChangedAsync(string twinSpaceId, ForumThreadView thread, bool deleted);

    /// <summary>To the thread's viewers.</summary>
    Task PostAddedAsync(string twinSpaceId, string discussionId, ForumPostView post);

    /// <summary>To the thread's viewers.</summary>
    Task PostChangedAsync(string twinSpaceId, string discussionId, ForumPostView post);

    /// <summary>To one account only (a post held for review is not shown to the others).</summary>
    Task PostChangedForAsync(string accountId, string twinSpaceId, string discussionId, ForumPostView post);

    /// <summary>To the thread's viewers.</summary>
    Task LikesChangedAsync(ForumLikesEvent likes);
}
