using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Forums;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Connections;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

public sealed partial class TwinSpaceHub
{
    [RequiresPermission(TwinSpaceAction.ViewForums)]
    public IReadOnlyList<ForumDiscussionView> ListForumDiscussions(string twinSpaceId, string? roomId, [FromServices] ForumService forums) =>
        forums.Discussions(Member, roomId);

    [RequiresPermission(TwinSpaceAction.CreateForumDiscussion)]
    public Task<ForumDiscussionView> CreateForumDiscussion(string twinSpaceId, CreateForumDiscussionRequest request, [FromServices] ForumService forums) =>
        forums.CreateDiscussionAsync(Member, request);

    /// <summary>Returns a page of threads; the connection then gets the discussion's live events until it closes it.</summary>
    [RequiresPermission(TwinSpaceAction.ViewForums)]
    public Task<ForumDiscussionPage> OpenForumDiscussion(string twinSpaceId, string discussionId, ForumThreadQuery? query, [FromServices] ForumService forums) =>
        JoinWhileReadingAsync(ConnectionScope.ForumDiscussion(twinSpaceId, discussionId ?? ""),
            () => Task.FromResult(forums.OpenDiscussion(Member, discussionId, query)));

    public Task CloseForumDiscussion(string twinSpaceId, string discussionId) =>
        LeaveAsync(ConnectionScope.ForumDiscussion(twinSpaceId ?? "", discussionId ?? ""));

    [RequiresPermission(TwinSpaceAction.CreateForumThread)]
    public Task<ForumThreadPage> CreateForumThread(string twinSpaceId, CreateForumThreadRequest request, [FromServices] ForumService forums) =>
        forums.CreateThreadAsync(Member, request);

    /// <summary>Returns a page of posts and marks them read; the connection then gets the thread's live events until it closes it.</summary>
    [RequiresPermission(TwinSpaceAction.ViewForums)]
    public Task<ForumThreadPage> OpenForumThread(string twinSpaceId, string threadId, ForumPostQuery? query, [FromServices] ForumService forums) =>
        JoinWhileReadingAsync(ConnectionScope.ForumThread(twinSpaceId, threadId ?? ""), () => forums.OpenThreadAsync(Member, threadId, query));

    public Task CloseForumThread(string twinSpaceId, string threadId) =>
        LeaveAsync(ConnectionScope.ForumThread(twinSpaceId ?? "", threadId ?? ""));

    [RequiresPermission(TwinSpaceAction.ViewForums)]
    public ForumThreadChanges GetForumThreadChanges(string twinSpaceId, string threadId, long sinceVersion, [FromServices] ForumService forums) =>
        forums.ThreadChanges(Member, threadId, sinceVersion);

    [RequiresPermission(TwinSpaceAction.ViewForums)]
    public Task MarkForumThreadRead(string twinSpaceId, string threadId, int number, [FromServices] ForumService forums) =>
        forums.MarkThreadReadAsync(Member, threadId, number);

    [RequiresPermission(TwinSpaceAction.ViewForums)]
    public string PreviewForumPost(string twinSpaceId, string body, [FromServices] ForumService forums) => forums.Preview(body);

    [RequiresPermission(TwinSpaceAction.ReplyInForum)]
    public Task<ForumPostView> PostForumReply(string twinSpaceId, PostForumReplyRequest request, [FromServices] ForumService forums) =>
        forums.ReplyAsync(Member, request);

    [RequiresPermission(TwinSpaceAction.ReplyInForum)]
    public Task<ForumPostView> EditForumPost(string twinSpaceId, EditForumPostRequest request, [FromServices] ForumService forums) =>
        forums.EditAsync(Member, request);

    [RequiresPermission(TwinSpaceAction.ReplyInForum)]
    public Task DeleteForumPost(string twinSpaceId, string postId, [FromServices] ForumService forums) => forums.DeleteAsync(Member, postId);

    [RequiresPermission(TwinSpaceAction.ReplyInForum)]
    public Task<ForumPostView> LikeForumPost(string twinSpaceId, string postId, bool like, [FromServices] ForumService forums) =>
        forums.LikeAsync(Member, postId, like);

    [RequiresPermission(TwinSpaceAction.ReplyInForum)]
    public Task ReportForumPost(string twinSpaceId, string postId, string? reason, [FromServices] ForumModerationService moderation) =>
        moderation.ReportPostAsync(Member, postId, reason);

    [RequiresPermission(TwinSpaceAction.ModerateForums)]
    public Task<ForumPostView> HideForumPost(string twinSpaceId, string postId, string reason, [FromServices] ForumModerationService moderation) =>
        moderation.HidePostAsync(Member, postId, reason);

    [RequiresPermission(TwinSpaceAction.ModerateForums)]
    public Task<ForumPostView> ShowForumPost(string twinSpaceId, string postId, [FromServices] ForumModerationService moderation) =>
        moderation.ShowPostAsync(Member, postId);

    [RequiresPermission(TwinSpaceAction.ModerateForums)]
    public Task<ForumThreadView> PinForumThread(string twinSpaceId, string threadId, bool pinned, [FromServices] ForumModerationService moderation) =>
        moderation.SetPinnedAsync(Member, threadId, pinned);

    [RequiresPermission(TwinSpaceAction.ModerateForums)]
    public Task<ForumThreadView> LockForumThread(string twinSpaceId, string threadId, bool locked, [FromServices] ForumModerationService moderation) =>
        moderation.SetLockedAsync(Member, threadId, locked);

    [RequiresPermission(TwinSpaceAction.ModerateForums)]
    public Task DeleteForumThread(string twinSpaceId, string threadId, [FromServices] ForumModerationService moderation) =>
        moderation.DeleteThreadAsync(Member, threadId);

    [RequiresPermission(TwinSpaceAction.ModerateForums)]
    public Task<MuteView> MuteForumMember(string twinSpaceId, string discussionId, string accountId, int minutes, string reason,
        [FromServices] ForumModerationService moderation) =>
        moderation.MuteAsync(Member, discussionId, accountId, minutes, reason);

    [RequiresPermission(TwinSpaceAction.ModerateForums)]
    public Task UnmuteForumMember(string twinSpaceId, string discussionId, string accountId, [FromServices] ForumModerationService moderation) =>
        moderation.UnmuteAsync(Member, discussionId, accountId);

    [RequiresPermission(TwinSpaceAction.ModerateForums)]
    public IReadOnlyList<ForumPostRevisionView> GetForumPostHistory(string twinSpaceId, string postId, [FromServices] ForumModerationService moderation) =>
        moderation.History(Member, postId);

    [RequiresPermission(TwinSpaceAction.ModerateForums)]
    public Task<IReadOnlyList<ReviewItemView>> GetForumReviewQueue(string twinSpaceId, bool openOnly, int? limit, [FromServices] ForumModerationService moderation) =>
        moderation.ReviewQueueAsync(Member, openOnly, limit);

    [RequiresPermission(TwinSpaceAction.ModerateForums)]
    public Task<ReviewItemView> ResolveForumReview(string twinSpaceId, string itemId, ReviewDecision decision, string? reason,
        [FromServices] ForumModerationService moderation) =>
        moderation.ResolveReviewAsync(Member, itemId, decision, reason);
}
