using System.Collections.Concurrent;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Forums;

namespace ETwinning.Collab.Server.Tests.Forums;

/// <summary>Keeps every event the forum services emit, with who it was for ("group" or an account id).</summary>
internal sealed class RecordingForumNotifier : IForumNotifier
{
    public ConcurrentQueue<(string Kind, string Audience, object Payload)> Events { get; } = new();

    public Task DiscussionCreatedAsync(string twinSpaceId, ForumDiscussionView discussion) => Record("discussion", "twinspace", discussion);
    public Task ThreadCreatedAsync(string twinSpaceId, string? roomId, ForumThreadView thread) => Record("thread-created", "twinspace", thread);
    public Task ThreadChangedAsync(string twinSpaceId, ForumThreadView thread, bool deleted) => Record("thread-changed", "discussion", thread);
    public Task PostAddedAsync(string twinSpaceId, string discussionId, ForumPostView post) => Record("post-added", "thread", post);
    public Task PostChangedAsync(string twinSpaceId, string discussionId, ForumPostView post) => Record("post-changed", "thread", post);
    public Task PostChangedForAsync(string accountId, string twinSpaceId, string discussionId, ForumPostView post) => Record("post-changed", accountId, post);
    public Task LikesChangedAsync(ForumLikesEvent likes) => Record("likes", "thread", likes);

    public IReadOnlyList<ForumPostView> PostsFor(string audience) =>
        Events.Where(e => e.Audience == audience && e.Payload is ForumPostView).Select(e => (ForumPostView)e.Payload).ToList();

    private Task Record(string kind, string audience, object payload)
    {
        Events.Enqueue((kind, audience, payload));
        return Task.CompletedTask;
    }
}
