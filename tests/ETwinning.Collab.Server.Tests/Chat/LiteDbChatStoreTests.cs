using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Chat;
using Xunit.Abstractions;

namespace ETwinning.Collab.Server.Tests.Chat;

public sealed class LiteDbChatStoreTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string TwinSpaceId = "ts1";
    private readonly TestStorage _storage = new();
    private LiteDbChatStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new LiteDbChatStore(_storage.Files, Microsoft.Extensions.Options.Options.Create(new ChatOptions()));
        foreach (var id in new[] { "a", "b" })
            await _store.AddChannelIfAbsentAsync(TwinSpaceId, new ChatChannel { Id = id, Kind = ChatChannelKind.General, Title = id, CreatedBy = "t", CreatedAt = DateTime.UtcNow });
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Concurrent_appends_to_two_channels_get_gap_free_sequences_per_channel()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(i =>
            Task.Run(() => _store.AppendAsync(TwinSpaceId, Draft(i % 2 == 0 ? "a" : "b", "author", $"c{i}")))));
        output.WriteLine($"1000 appends in {watch.ElapsedMilliseconds} ms");

        foreach (var channel in new[] { "a", "b" })
            Assert.Equal(Enumerable.Range(1, 500).Select(i => (long)i),
                results.Where(r => r.Message.ChannelId == channel).Select(r => r.Message.Sequence).Order());
        Assert.All(results, r => Assert.False(r.Duplicate));
        Assert.Equal(500, _store.FindChannel(TwinSpaceId, "a")!.LastSequence);
    }

    [Fact]
    public async Task The_same_client_id_twice_at_once_is_stored_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _store.AppendAsync(TwinSpaceId, Draft("a", "author", "retry"))));

        Assert.Single(results, r => !r.Duplicate);
        Assert.All(results, r => Assert.Equal(1, r.Message.Sequence));
        Assert.Single(_store.After(TwinSpaceId, "a", 0, 100));
        var other = await _store.AppendAsync(TwinSpaceId, Draft("a", "someone-else", "retry"));
        Assert.False(other.Duplicate);
    }

    [Fact]
    public async Task Pages_are_runs_of_sequences_and_read_markers_only_move_forward()
    {
        for (var i = 0; i < 30; i++) await _store.AppendAsync(TwinSpaceId, Draft("b", "author", $"p{i}"));

        Assert.Equal(Enumerable.Range(21, 10).Select(i => (long)i), _store.Before(TwinSpaceId, "b", long.MaxValue, 10).Select(m => m.Sequence));
        Assert.Equal(Enumerable.Range(1, 4).Select(i => (long)i), _store.Before(TwinSpaceId, "b", 5, 10).Select(m => m.Sequence));
        Assert.Equal([29L, 30], _store.After(TwinSpaceId, "b", 28, 10).Select(m => m.Sequence));
        Assert.Equal(12, await _store.AdvanceReadMarkerAsync(TwinSpaceId, "b", "reader", 12));
        Assert.Equal(12, await _store.AdvanceReadMarkerAsync(TwinSpaceId, "b", "reader", 3));
        Assert.Equal(12, _store.ReadMarkers(TwinSpaceId, "reader")["b"]);
        Assert.Empty(_store.ReadMarkers(TwinSpaceId, "reade"));
    }

    [Fact]
    public async Task Changes_since_a_message_are_replayed_unless_there_are_too_many()
    {
        for (var i = 0; i < 4; i++) await _store.AppendAsync(TwinSpaceId, Draft("a", "author", $"m{i}"));
        await _store.UpdateMessageAsync(TwinSpaceId, "a", 2, m => m with { Text = "changed before 5 was stored" });
        for (var i = 4; i < 10; i++) await _store.AppendAsync(TwinSpaceId, Draft("a", "author", $"m{i}"));
        await _store.AppendAsync(TwinSpaceId, Draft("b", "author", "other-channel"));
        foreach (var sequence in new long[] { 3, 7, 3 })
            await _store.UpdateMessageAsync(TwinSpaceId, "a", sequence, m => m with { Text = $"edit of {sequence} at {m.Edits.Count}", Edits = [.. m.Edits, new ChatMessageEdit { Text = m.Text, ReplacedAt = DateTime.UtcNow }] });

        Assert.Equal([3L], _store.ChangedSince(TwinSpaceId, "a", 5, maxChanges: 10)!.Select(m => m.Sequence));
        Assert.Equal([3L, 7], _store.ChangedSince(TwinSpaceId, "a", 10, maxChanges: 10)!.Select(m => m.Sequence));
        Assert.Equal("edit of 3 at 1", _store.ChangedSince(TwinSpaceId, "a", 10, maxChanges: 10)![0].Text);
        Assert.Empty(_store.ChangedSince(TwinSpaceId, "b", 1, maxChanges: 10)!);
        Assert.Null(_store.ChangedSince(TwinSpaceId, "a", 10, maxChanges: 2));
    }

    private static ChatMessage Draft(string channelId, string authorId, string clientId) => new()
    {
        ChannelId = channelId, ClientMessageId = clientId, AuthorId = authorId, AuthorName = authorId, Text = "hello", SentAt = DateTime.UtcNow,
    };
}
