using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Forums;

/// <summary>Two nodes sharing one store and one Redis: forum events reach viewers connected to the other node.</summary>
public sealed class ForumClusterTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private CollabServer _first = null!;
    private CollabServer _second = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _first = await CollabServer.StartAsync(ForumServerFixture.Settings, redis: _redis.ConnectionString);
        _second = await CollabServer.StartAsync(ForumServerFixture.Settings, shareStoreWith: _first, redis: _redis.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Threads_replies_likes_and_hides_made_on_one_node_reach_viewers_on_the_other()
    {
        await using var forum = await ForumScenario.CreateAsync(_first);
        var pupil = await forum.TwinSpace.AddPupilAsync("Fox");
        await using var founderOnSecond = await _second.ConnectAsync(forum.TwinSpace.Founder);
        var threads = new EventRecorder<ForumThreadEvent>();
        var added = new EventRecorder<ForumPostEvent>();
        var changed = new EventRecorder<ForumPostEvent>();
        var likes = new EventRecorder<ForumLikesEvent>();
        founderOnSecond.ForumThreadCreated += threads.Record;
        founderOnSecond.ForumPostAdded += added.Record;
        founderOnSecond.ForumPostChanged += changed.Record;
        founderOnSecond.ForumLikesChanged += likes.Record;
        await founderOnSecond.JoinTwinSpaceAsync(forum.Id);

        var started = await forum.StartThreadAsync();
        await threads.WaitForAsync(e => e.Thread.Id == started.Thread.Id);
        await founderOnSecond.OpenForumThreadAsync(forum.Id, started.Thread.Id);
        var reply = await pupil.Hub.PostForumReplyAsync(forum.Id, started.Thread.Id, "Posted on the first node");
        await pupil.Hub.LikeForumPostAsync(forum.Id, started.Posts[0].Id);
        await forum.PartnerHub.HideForumPostAsync(forum.Id, reply.Id, "Testing the cluster");

        Assert.Equal(reply.BodyHtml, (await added.WaitForAsync(e => e.Post.Id == reply.Id)).Post.BodyHtml);
        await likes.WaitForAsync(e => e.PostId == started.Posts[0].Id && e.LikeCount == 1);
        await changed.WaitForAsync(e => e.Post.Id == reply.Id && e.Post.State == ForumPostState.Hidden);
    }
}
