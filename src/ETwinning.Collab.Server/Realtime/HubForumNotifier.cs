using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Forums;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>Delivers the Forums feature's events over the hub (and, with Redis, to every node).</summary>
internal sealed class HubForumNotifier(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub) : IForumNotifier
{
    // A room's forum is for the room's people only: its events go to the room's group, never the whole TwinSpace.
    public Task DiscussionCreatedAsync(string twinSpaceId, ForumDiscussionView discussion) =>
        hub.Clients.Group(discussion.RoomId is null ? GroupNames.TwinSpace(twinSpaceId) : GroupNames.Room(twinSpaceId, discussion.RoomId))
            .ForumDiscussionCreated(new ForumDiscussionEvent(twinSpaceId, discussion));

    public Task ThreadCreatedAsync(string twinSpaceId, string? roomId, ForumThreadView thread) =>
        (roomId is null
            ? hub.Clients.Group(GroupNames.TwinSpace(twinSpaceId))
            : hub.Clients.Groups(GroupNames.Room(twinSpaceId, roomId), GroupNames.ForumDiscussion(twinSpaceId, thread.DiscussionId)))
        .ForumThreadCreated(new ForumThreadEvent(twinSpaceId, thread, Deleted: false));

    // A connection viewing the discussion and one of its threads may get this twice; it is a full state, so applying it twice is harmless.
    public Task ThreadChangedAsync(string twinSpaceId, ForumThreadView thread, bool deleted) =>
        hub.Clients.Groups(GroupNames.ForumDiscussion(twinSpaceId, thread.DiscussionId), GroupNames.ForumThread(twinSpaceId, thread.Id))
            .ForumThreadChanged(new ForumThreadEvent(twinSpaceId, thread, deleted));

    public Task PostAddedAsync(string twinSpaceId, string discussionId, ForumPostView post) =>
        hub.Clients.Group(GroupNames.ForumThread(twinSpaceId, post.ThreadId)).ForumPostAdded(new ForumPostEvent(twinSpaceId, discussionId, post));

    public Task PostChangedAsync(string twinSpaceId, string discussionId, ForumPostView post) =>
        hub.Clients.Group(GroupNames.ForumThread(twinSpaceId, post.ThreadId)).ForumPostChanged(new ForumPostEvent(twinSpaceId, discussionId, post));

    public Task PostChangedForAsync(string accountId, string twinSpaceId, string discussionId, ForumPostView post) =>
        hub.Clients.User(accountId).ForumPostChanged(new ForumPostEvent(twinSpaceId, discussionId, post));

    public Task LikesChangedAsync(ForumLikesEvent likes) =>
        hub.Clients.Group(GroupNames.ForumThread(likes.TwinSpaceId, likes.ThreadId)).ForumLikesChanged(likes);
}
