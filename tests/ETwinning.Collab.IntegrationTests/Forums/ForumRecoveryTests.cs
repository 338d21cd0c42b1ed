using System.Collections.Concurrent;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Forums;

public sealed class ForumRecoveryTests(ForumServerFixture fixture) : IClassFixture<ForumServerFixture>
{
    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task After_a_dropped_connection_the_client_reopens_its_thread_catches_up_and_gets_live_posts_again()
    {
        await using var forum = await ForumScenario.CreateAsync(Server);
        var pupil = await forum.TwinSpace.AddPupilAsync("Otter");
        var thread = (await forum.StartThreadAsync()).Thread;
        await using var relay = new TcpProxy(Server.BaseUrl);
        await using var viewer = new TwinSpaceConnection(relay.Url, () => Task.FromResult<string?>(pupil.Tokens.AccessToken));
        await viewer.StartAsync().WithTimeout();

        // The client's view of the thread: posts by id, with the highest version it has seen.
        var posts = new ConcurrentDictionary<string, ForumPostView>();
        long seenVersion = 0;
        void Apply(ForumPostView post)
        {
            posts[post.Id] = post;
            InterlockedMax(ref seenVersion, post.Version);
        }
        viewer.ForumPostAdded += e => Apply(e.Post);
        var caughtUp = new EventRecorder<int>();
        viewer.ForumThreadsReopened += async reopened =>
        {
            // An async void handler: on a loaded machine a second reconnect may still be catching up when the test ends
            // and disposes the connection, and a cancellation escaping here would crash the test host.
            try
            {
                var changes = await viewer.GetForumThreadChangesAsync(forum.Id, thread.Id, Interlocked.Read(ref seenVersion));
                foreach (var post in changes.Posts) Apply(post);
                caughtUp.Record(reopened.Count);
            }
            catch (OperationCanceledException) { }
        };
        foreach (var post in (await viewer.OpenForumThreadAsync(forum.Id, thread.Id)).Posts) Apply(post);
        var before = await forum.FounderHub.PostForumReplyAsync(forum.Id, thread.Id, "Before the drop");
        await Eventually.AssertAsync(() => Assert.True(posts.ContainsKey(before.Id)));

        relay.DropAll();
        var during = await forum.FounderHub.PostForumReplyAsync(forum.Id, thread.Id, "While reconnecting");
        await caughtUp.WaitForAsync(count => count == 1);
        var after = await forum.FounderHub.PostForumReplyAsync(forum.Id, thread.Id, "After the reconnect");

        await Eventually.AssertAsync(() => Assert.True(posts.ContainsKey(after.Id)));
        Assert.True(posts.ContainsKey(during.Id));
        Assert.Equal([1, 2, 3, 4], posts.Values.Select(p => p.Number).Order());
        Assert.Equal(1, relay.Drops);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var current = Interlocked.Read(ref target); value > current; current = Interlocked.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, current) == current) return;
    }
}
