using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Features.Forums;
using ETwinning.Collab.Server.Features.Pages;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Tests.Storage.Postgres;

/// <summary>
/// Two engines on one database, as two server nodes, for the stream stores: sequences assigned by the database stay
/// unique and gap-free when the writers of one stream are split between nodes, and a chat retry that reaches both
/// nodes at once is stored once.
/// </summary>
public sealed class PostgresStreamsAcrossNodesTests : IAsyncLifetime
{
    private const int Concurrent = 60;
    private static readonly DateTime At = new(2026, 3, 12, 9, 0, 0, DateTimeKind.Utc);
    private PostgresDatabase[] _nodes = [];

    public async Task InitializeAsync()
    {
        var connectionString = await (await PostgresServer.Shared).CreateDatabaseAsync();
        _nodes = [Engine(connectionString), Engine(connectionString)];
        PostgresMigration[] steps = [.. PostgresChatStore.Migrations, .. PostgresForumStore.Migrations, .. PostgresPageStore.Migrations];
        await new PostgresMigrator(_nodes[0], steps, NullLogger<PostgresMigrator>.Instance).MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
    }

    [Fact]
    public async Task Chat_sends_split_between_nodes_are_numbered_once_and_a_retry_reaching_both_nodes_is_stored_once()
    {
        var stores = _nodes.Select(node => new PostgresChatStore(node)).ToArray();
        var twinSpaceId = Ids.New();
        await stores[0].AddChannelIfAbsentAsync(twinSpaceId, new ChatChannel
        {
            Id = "a", Kind = ChatChannelKind.Breakout, Title = "a", CreatedBy = "teacher", CreatedAt = At,
        });

        // Every message is sent on both nodes at the same moment, as a client retrying through the balancer would.
        var results = await Task.WhenAll(Enumerable.Range(0, Concurrent).SelectMany(i => stores.Select(store =>
            Task.Run(() => store.AppendAsync(twinSpaceId, new ChatMessage
            {
                ChannelId = "a", ClientMessageId = $"c{i}", AuthorId = $"pupil{i % 3}", AuthorName = "Pupil", Text = $"message {i}", SentAt = At,
            })))));

        Assert.Equal(Concurrent, results.Count(result => !result.Duplicate));
        Assert.All(results.GroupBy(result => result.Message.ClientMessageId), pair => Assert.Single(pair.Select(r => r.Message.Sequence).Distinct()));
        Assert.Equal(Enumerable.Range(1, Concurrent).Select(i => (long)i), (await stores[1].AfterAsync(twinSpaceId, "a", 0, 1_000)).Select(m => m.Sequence));
        Assert.Equal(Concurrent, (await stores[0].FindChannelAsync(twinSpaceId, "a"))!.LastSequence);
    }

    [Fact]
    public async Task Page_updates_and_forum_replies_split_between_nodes_get_gap_free_numbers()
    {
        var pages = _nodes.Select(node => new PostgresPageStore(node)).ToArray();
        var forums = _nodes.Select(node => new PostgresForumStore(node)).ToArray();
        var twinSpaceId = Ids.New();
        var thread = new ForumThread { Id = Ids.New(), DiscussionId = "d", Title = "Water", AuthorId = "teacher", AuthorName = "Teacher", CreatedAt = At };
        await forums[0].AddThreadAsync(twinSpaceId, thread, Post(thread, "teacher"));

        var sequences = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(i =>
            Task.Run(() => pages[i % 2].AppendAsync(twinSpaceId, "page", [(byte)i], At))));
        var replies = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(i =>
            Task.Run(() => forums[i % 2].AddReplyAsync(twinSpaceId, Post(thread, $"pupil{i}"), evenIfLocked: false))));

        Assert.Equal(Enumerable.Range(1, Concurrent).Select(i => (long)i), sequences.Order());
        Assert.Equal(Concurrent, (await pages[1].HeadAsync(twinSpaceId, "page"))!.LastSequence);
        Assert.Equal(Enumerable.Range(2, Concurrent), replies.Select(reply => reply.Reply!.Number).Order());
        Assert.Equal((Concurrent + 1, (long)Concurrent + 1), ((await forums[1].FindThreadAsync(twinSpaceId, thread.Id))!.LastNumber,
            (await forums[1].FindThreadAsync(twinSpaceId, thread.Id))!.Version));
    }

    private static ForumPost Post(ForumThread thread, string authorId) => new()
    {
        Id = Ids.New(), ThreadId = thread.Id, DiscussionId = thread.DiscussionId, AuthorId = authorId, AuthorName = authorId,
        Source = "Reply", Html = "<p>Reply</p>", CreatedAt = At, State = ForumPostState.Visible,
    };

    private static PostgresDatabase Engine(string connectionString) =>
        new(Options.Create(new PostgresOptions { ConnectionString = connectionString }), NullLogger<PostgresDatabase>.Instance);
}
