using ETwinning.Collab.Client.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace ETwinning.Collab.Client;

public sealed partial class TwinSpaceConnection
{
    // Discussions and threads this connection has open, re-opened after a reconnect (groups do not survive one).
    private readonly HashSet<(string TwinSpaceId, string Id, bool IsThread)> _openForums = [];

    /// <summary>A discussion was opened in a joined TwinSpace.</summary>
    public event Action<ForumDiscussionEvent>? ForumDiscussionCreated;

    /// <summary>A thread was started in a joined TwinSpace.</summary>
    public event Action<ForumThreadEvent>? ForumThreadCreated;

    /// <summary>An open discussion's or thread's thread changed (pinned, locked, new activity, deleted).</summary>
    public event Action<ForumThreadEvent>? ForumThreadChanged;

    /// <summary>A post was added to an open thread.</summary>
    public event Action<ForumPostEvent>? ForumPostAdded;

    /// <summary>A post of an open thread was edited, hidden, shown or deleted (or your own post was held).</summary>
    public event Action<ForumPostEvent>? ForumPostChanged;

    /// <summary>A post of an open thread got or lost a like.</summary>
    public event Action<ForumLikesEvent>? ForumLikesChanged;

    /// <summary>
    /// After a reconnect, the threads that were open again receive live events; what happened in between is for
    /// the application to fetch with <see cref="GetForumThreadChangesAsync"/>.
    /// </summary>
    public event Action<IReadOnlyList<(string TwinSpaceId, string ThreadId)>>? ForumThreadsReopened;

    /// <summary>Discussions of the TwinSpace, or of one room's forum.</summary>
    public Task<IReadOnlyList<ForumDiscussionView>> ListForumDiscussionsAsync(string twinSpaceId, string? roomId = null) =>
        InvokeAsync<IReadOnlyList<ForumDiscussionView>>("ListForumDiscussions", twinSpaceId, roomId);

    /// <summary>Opens a discussion (teacher administrators).</summary>
    public Task<ForumDiscussionView> CreateForumDiscussionAsync(string twinSpaceId, string title, string? description = null, string? roomId = null) =>
        InvokeAsync<ForumDiscussionView>("CreateForumDiscussion", twinSpaceId, new CreateForumDiscussionRequest(title, description, roomId));

    /// <summary>A page of a discussion's threads; live thread events follow until <see cref="CloseForumDiscussionAsync"/>.</summary>
    public async Task<ForumDiscussionPage> OpenForumDiscussionAsync(string twinSpaceId, string discussionId, int? offset = null, int? limit = null)
    {
        var page = await InvokeAsync<ForumDiscussionPage>("OpenForumDiscussion", twinSpaceId, discussionId, new ForumThreadQuery(offset, limit))
            .ConfigureAwait(false);
        lock (_gate) _openForums.Add((twinSpaceId, discussionId, false));
        return page;
    }

    /// <summary>Stops a discussion's live events.</summary>
    public async Task CloseForumDiscussionAsync(string twinSpaceId, string discussionId)
    {
        lock (_gate) _openForums.Remove((twinSpaceId, discussionId, false));
        await InvokeAsync("CloseForumDiscussion", twinSpaceId, discussionId).ConfigureAwait(false);
    }

    /// <summary>Starts a thread with its opening post.</summary>
    public Task<ForumThreadPage> CreateForumThreadAsync(string twinSpaceId, string discussionId, string title, string body,
        IReadOnlyList<string>? attachmentIds = null) =>
        InvokeAsync<ForumThreadPage>("CreateForumThread", twinSpaceId, new CreateForumThreadRequest(discussionId, title, body, attachmentIds));

    /// <summary>A page of posts after <paramref name="afterNumber"/>, marked read; live post events follow until <see cref="CloseForumThreadAsync"/>.</summary>
    public async Task<ForumThreadPage> OpenForumThreadAsync(string twinSpaceId, string threadId, int? afterNumber = null, int? limit = null)
    {
        var page = await InvokeAsync<ForumThreadPage>("OpenForumThread", twinSpaceId, threadId, new ForumPostQuery(afterNumber, limit))
            .ConfigureAwait(false);
        lock (_gate) _openForums.Add((twinSpaceId, threadId, true));
        return page;
    }

    /// <summary>Stops a thread's live events.</summary>
    public async Task CloseForumThreadAsync(string twinSpaceId, string threadId)
    {
        lock (_gate) _openForums.Remove((twinSpaceId, threadId, true));
        await InvokeAsync("CloseForumThread", twinSpaceId, threadId).ConfigureAwait(false);
    }

    /// <summary>Posts changed after <paramref name="sinceVersion"/>: what a client missed while disconnected.</summary>
    public Task<ForumThreadChanges> GetForumThreadChangesAsync(string twinSpaceId, string threadId, long sinceVersion) =>
        InvokeAsync<ForumThreadChanges>("GetForumThreadChanges", twinSpaceId, threadId, sinceVersion);

    /// <summary>Moves the caller's read marker forward to post <paramref name="number"/>.</summary>
    public Task MarkForumThreadReadAsync(string twinSpaceId, string threadId, int number) =>
        InvokeAsync("MarkForumThreadRead", twinSpaceId, threadId, number);

    /// <summary>Renders Markdown as a post would be rendered (sanitized HTML), storing nothing.</summary>
    public Task<string> PreviewForumPostAsync(string twinSpaceId, string body) => InvokeAsync<string>("PreviewForumPost", twinSpaceId, body);

    /// <summary>Replies in a thread, optionally quoting a post and attaching Materials.</summary>
    public Task<ForumPostView> PostForumReplyAsync(string twinSpaceId, string threadId, string body, string? quotedPostId = null,
        IReadOnlyList<string>? attachmentIds = null) =>
        InvokeAsync<ForumPostView>("PostForumReply", twinSpaceId, new PostForumReplyRequest(threadId, body, quotedPostId, attachmentIds));

    /// <summary>Edits one of the caller's posts.</summary>
    public Task<ForumPostView> EditForumPostAsync(string twinSpaceId, string postId, string body, IReadOnlyList<string>? attachmentIds = null) =>
        InvokeAsync<ForumPostView>("EditForumPost", twinSpaceId, new EditForumPostRequest(postId, body, attachmentIds));

    /// <summary>Deletes one of the caller's posts (moderators: any post).</summary>
    public Task DeleteForumPostAsync(string twinSpaceId, string postId) => InvokeAsync("DeleteForumPost", twinSpaceId, postId);

    /// <summary>Likes (or with <paramref name="like"/> false, unlikes) a post; once per member.</summary>
    public Task<ForumPostView> LikeForumPostAsync(string twinSpaceId, string postId, bool like = true) =>
        InvokeAsync<ForumPostView>("LikeForumPost", twinSpaceId, postId, like);

    /// <summary>Reports a post to the moderators.</summary>
    public Task ReportForumPostAsync(string twinSpaceId, string postId, string? reason) => InvokeAsync("ReportForumPost", twinSpaceId, postId, reason);

    /// <summary>Hides a post with a reason (moderators).</summary>
    public Task<ForumPostView> HideForumPostAsync(string twinSpaceId, string postId, string reason) =>
        InvokeAsync<ForumPostView>("HideForumPost", twinSpaceId, postId, reason);

    /// <summary>Shows a hidden post again (moderators).</summary>
    public Task<ForumPostView> ShowForumPostAsync(string twinSpaceId, string postId) => InvokeAsync<ForumPostView>("ShowForumPost", twinSpaceId, postId);

    /// <summary>Pins or unpins a thread (moderators).</summary>
    public Task<ForumThreadView> PinForumThreadAsync(string twinSpaceId, string threadId, bool pinned = true) =>
        InvokeAsync<ForumThreadView>("PinForumThread", twinSpaceId, threadId, pinned);

    /// <summary>Locks or unlocks a thread (moderators).</summary>
    public Task<ForumThreadView> LockForumThreadAsync(string twinSpaceId, string threadId, bool locked = true) =>
        InvokeAsync<ForumThreadView>("LockForumThread", twinSpaceId, threadId, locked);

    /// <summary>Deletes a thread (moderators).</summary>
    public Task DeleteForumThreadAsync(string twinSpaceId, string threadId) => InvokeAsync("DeleteForumThread", twinSpaceId, threadId);

    /// <summary>Keeps a member from posting in one discussion for <paramref name="minutes"/> (moderators).</summary>
    public Task<MuteView> MuteForumMemberAsync(string twinSpaceId, string discussionId, string accountId, int minutes, string reason) =>
        InvokeAsync<MuteView>("MuteForumMember", twinSpaceId, discussionId, accountId, minutes, reason);

    /// <summary>Lifts a mute (moderators).</summary>
    public Task UnmuteForumMemberAsync(string twinSpaceId, string discussionId, string accountId) =>
        InvokeAsync("UnmuteForumMember", twinSpaceId, discussionId, accountId);

    /// <summary>Earlier versions of a post (moderators).</summary>
    public Task<IReadOnlyList<ForumPostRevisionView>> GetForumPostHistoryAsync(string twinSpaceId, string postId) =>
        InvokeAsync<IReadOnlyList<ForumPostRevisionView>>("GetForumPostHistory", twinSpaceId, postId);

    /// <summary>The forum part of the review queue, oldest first (moderators).</summary>
    public Task<IReadOnlyList<ReviewItemView>> GetForumReviewQueueAsync(string twinSpaceId, bool openOnly = true, int? limit = null) =>
        InvokeAsync<IReadOnlyList<ReviewItemView>>("GetForumReviewQueue", twinSpaceId, openOnly, limit);

    /// <summary>Approves or removes a review item (moderators).</summary>
    public Task<ReviewItemView> ResolveForumReviewAsync(string twinSpaceId, string itemId, ReviewDecision decision, string? reason = null) =>
        InvokeAsync<ReviewItemView>("ResolveForumReview", twinSpaceId, itemId, decision, reason);

    private void RegisterForumEvents()
    {
        Hub.On<ForumDiscussionEvent>(HubNames.ForumDiscussionCreated, e => ForumDiscussionCreated?.Invoke(e));
        Hub.On<ForumThreadEvent>(HubNames.ForumThreadCreated, e => ForumThreadCreated?.Invoke(e));
        Hub.On<ForumThreadEvent>(HubNames.ForumThreadChanged, e => ForumThreadChanged?.Invoke(e));
        Hub.On<ForumPostEvent>(HubNames.ForumPostAdded, e => ForumPostAdded?.Invoke(e));
        Hub.On<ForumPostEvent>(HubNames.ForumPostChanged, e => ForumPostChanged?.Invoke(e));
        Hub.On<ForumLikesEvent>(HubNames.ForumLikesChanged, e => ForumLikesChanged?.Invoke(e));
        Hub.Reconnected += ReopenForumsAsync;
    }

    // Re-joins the groups only (an empty page past the end); callers catch up with GetForumThreadChangesAsync.
    private async Task ReopenForumsAsync(string? connectionId)
    {
        (string TwinSpaceId, string Id, bool IsThread)[] open;
        lock (_gate) open = [.. _openForums];
        var reopenedThreads = new List<(string TwinSpaceId, string ThreadId)>();
        foreach (var (twinSpaceId, id, isThread) in open)
        {
            try
            {
                if (isThread)
                {
                    await OpenForumThreadAsync(twinSpaceId, id, afterNumber: int.MaxValue, limit: 1).ConfigureAwait(false);
                    reopenedThreads.Add((twinSpaceId, id));
                }
                else await OpenForumDiscussionAsync(twinSpaceId, id, offset: int.MaxValue, limit: 1).ConfigureAwait(false);
            }
            catch (CollabHubException) { lock (_gate) _openForums.Remove((twinSpaceId, id, isThread)); }
        }
        ForumThreadsReopened?.Invoke(reopenedThreads);
    }
}
