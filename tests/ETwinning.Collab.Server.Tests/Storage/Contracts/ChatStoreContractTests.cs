using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Tests.Storage.Contracts;

/// <summary>What chat relies on from any <see cref="IChatStore"/>: sequences, retries, paging, recovery, compare-and-set, holds, markers.</summary>
public abstract class ChatStoreContractTests : StoreContract<IChatStore>
{
    [Fact]
    public async Task Two_hundred_concurrent_appends_to_two_channels_get_unique_gap_free_sequences_per_channel()
    {
        var twinSpace = await TwinSpaceWithChannelsAsync("a", "b");

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => Store.AppendAsync(twinSpace, Draft(i % 2 == 0 ? "a" : "b", $"author{i % 7}", $"c{i}")))));

        foreach (var channel in new[] { "a", "b" })
            Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i),
                results.Where(r => r.Message.ChannelId == channel).Select(r => r.Message.Sequence).Order());
        Assert.All(results, r => Assert.False(r.Duplicate));
        Assert.All(results, r => Assert.Equal(1, r.Message.Version));
        Assert.Equal(100, (await Store.FindChannelAsync(twinSpace, "a"))!.LastSequence);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), (await Store.AfterAsync(twinSpace, "b", 0, 200)).Select(m => m.Sequence));
    }

    [Fact]
    public async Task A_retry_within_the_window_returns_the_stored_message_as_a_duplicate()
    {
        var twinSpace = await TwinSpaceWithChannelsAsync("a", "b");

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Store.AppendAsync(twinSpace, Draft("a", "author", "retry"))));
        var later = await Store.AppendAsync(twinSpace, Draft("a", "author", "retry") with { Text = "sent again" });

        var stored = Assert.Single(results, r => !r.Duplicate).Message;
        Assert.All(results, r => Assert.Equal(1, r.Message.Sequence));
        Assert.True(later.Duplicate);
        Assert.Equal(stored.Text, later.Message.Text);
        Assert.Single(await Store.AfterAsync(twinSpace, "a", 0, 100));
        // The same client id from another author, or in another channel, is another message.
        Assert.False((await Store.AppendAsync(twinSpace, Draft("a", "someone-else", "retry"))).Duplicate);
        Assert.False((await Store.AppendAsync(twinSpace, Draft("b", "author", "retry"))).Duplicate);
    }

    [Fact]
    public async Task Appending_to_an_unknown_channel_is_not_found()
    {
        var twinSpace = await TwinSpaceWithChannelsAsync("a");

        var error = await Assert.ThrowsAsync<CollabException>(() => Store.AppendAsync(twinSpace, Draft("nope", "author", "c1")));

        Assert.Equal(ErrorCodes.NotFound, error.Code);
        Assert.Equal(1, (await Store.AppendAsync(twinSpace, Draft("a", "author", "c1"))).Message.Sequence);
    }

    [Fact]
    public async Task The_first_channel_stored_under_an_id_wins()
    {
        var twinSpace = NewTwinSpaceId();
        await Store.AddChannelIfAbsentAsync(twinSpace, Channel("a", "first"));

        var second = await Store.AddChannelIfAbsentAsync(twinSpace, Channel("a", "second"));

        Assert.Equal("first", second.Title);
        Assert.Equal("first", (await Store.FindChannelAsync(twinSpace, "a"))!.Title);
        Assert.Equal(["a"], (await Store.ChannelsAsync(twinSpace)).Select(c => c.Id));
    }

    [Fact]
    public async Task A_channels_member_list_can_be_replaced_without_touching_its_messages()
    {
        var twinSpace = NewTwinSpaceId();
        await Store.AddChannelIfAbsentAsync(twinSpace, Channel("r", "room") with { MemberIds = ["owl"] });
        await Store.AppendAsync(twinSpace, Draft("r", "owl", "c1"));

        var changed = await Store.SetChannelMembersAsync(twinSpace, "r", ["owl", "fox"]);

        Assert.Equal(["owl", "fox"], changed!.MemberIds);
        Assert.Equal(["owl", "fox"], (await Store.FindChannelAsync(twinSpace, "r"))!.MemberIds);
        Assert.Equal(2, (await Store.AppendAsync(twinSpace, Draft("r", "fox", "c2"))).Message.Sequence);
        Assert.Null(await Store.SetChannelMembersAsync(twinSpace, "missing", ["owl"]));
    }

    [Fact]
    public async Task Pages_before_and_after_are_ascending_runs_of_sequences()
    {
        var twinSpace = await TwinSpaceWithChannelsAsync("b");
        for (var i = 0; i < 30; i++) await Store.AppendAsync(twinSpace, Draft("b", "author", $"p{i}"));

        Assert.Equal(Range(21, 30), (await Store.BeforeAsync(twinSpace, "b", long.MaxValue, 10)).Select(m => m.Sequence));
        Assert.Equal(Range(1, 4), (await Store.BeforeAsync(twinSpace, "b", 5, 10)).Select(m => m.Sequence));
        Assert.Equal(Range(11, 20), (await Store.BeforeAsync(twinSpace, "b", 21, 10)).Select(m => m.Sequence));
        Assert.Empty(await Store.BeforeAsync(twinSpace, "b", 1, 10));
        Assert.Equal(Range(29, 30), (await Store.AfterAsync(twinSpace, "b", 28, 10)).Select(m => m.Sequence));
        Assert.Equal(Range(1, 10), (await Store.AfterAsync(twinSpace, "b", 0, 10)).Select(m => m.Sequence));
        Assert.Empty(await Store.AfterAsync(twinSpace, "b", 30, 10));
        Assert.Equal("p4", (await Store.FindMessageAsync(twinSpace, "b", 5))!.ClientMessageId);
        Assert.Null(await Store.FindMessageAsync(twinSpace, "b", 31));
    }

    [Fact]
    public async Task Compare_and_set_replaces_content_once_per_version_and_keeps_identity()
    {
        var twinSpace = await TwinSpaceWithChannelsAsync("a");
        var sent = (await Store.AppendAsync(twinSpace, Draft("a", "author", "c1"))).Message;

        var edited = await Store.TryReplaceMessageAsync(twinSpace, sent with { Text = "edited", AuthorId = "impostor" }, sent.Version);
        var stale = await Store.TryReplaceMessageAsync(twinSpace, sent with { Text = "stale" }, sent.Version);

        Assert.NotNull(edited);
        Assert.Equal(2, edited.Version);
        Assert.Equal("author", edited.AuthorId);
        Assert.Null(stale);
        var stored = (await Store.FindMessageAsync(twinSpace, "a", 1))!;
        Assert.Equal(("edited", 2L, "author"), (stored.Text, stored.Version, stored.AuthorId));
        Assert.Null(await Store.TryReplaceMessageAsync(twinSpace, sent with { Sequence = 9 }, 1));
    }

    [Fact]
    public async Task Concurrent_compare_and_sets_on_one_version_have_one_winner()
    {
        var twinSpace = await TwinSpaceWithChannelsAsync("a");
        var sent = (await Store.AppendAsync(twinSpace, Draft("a", "author", "c1"))).Message;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => Store.TryReplaceMessageAsync(twinSpace, sent with { Text = $"edit {i}" }, sent.Version))));

        var winner = Assert.Single(results, r => r is not null)!;
        Assert.Equal(winner.Text, (await Store.FindMessageAsync(twinSpace, "a", 1))!.Text);
    }

    [Fact]
    public async Task Changes_since_a_message_are_those_made_after_it_was_stored_unless_there_are_too_many()
    {
        var twinSpace = await TwinSpaceWithChannelsAsync("a", "b");
        for (var i = 0; i < 4; i++) await Store.AppendAsync(twinSpace, Draft("a", "author", $"m{i}"));
        await ReplaceAsync(twinSpace, "a", 2, m => m with { Text = "changed before 5 was stored" });
        for (var i = 4; i < 10; i++) await Store.AppendAsync(twinSpace, Draft("a", "author", $"m{i}"));
        await Store.AppendAsync(twinSpace, Draft("b", "author", "other-channel"));
        foreach (var sequence in new long[] { 3, 7, 3 })
            await ReplaceAsync(twinSpace, "a", sequence, m => m with { Text = $"edit of {sequence} at version {m.Version}" });

        Assert.Equal([3L], (await Store.ChangedSinceAsync(twinSpace, "a", 5, maxChanges: 10))!.Select(m => m.Sequence));
        var sinceTen = (await Store.ChangedSinceAsync(twinSpace, "a", 10, maxChanges: 10))!;
        Assert.Equal([3L, 7], sinceTen.Select(m => m.Sequence));
        Assert.Equal("edit of 3 at version 2", sinceTen[0].Text);
        Assert.Empty((await Store.ChangedSinceAsync(twinSpace, "b", 1, maxChanges: 10))!);
        Assert.Empty((await Store.ChangedSinceAsync(twinSpace, "a", 42, maxChanges: 10))!);
        Assert.Null(await Store.ChangedSinceAsync(twinSpace, "a", 10, maxChanges: 2));
        Assert.NotNull(await Store.ChangedSinceAsync(twinSpace, "a", 10, maxChanges: 3));
    }

    [Fact]
    public async Task Change_numbers_are_per_channel_and_gap_free_under_concurrent_changes()
    {
        var twinSpace = await TwinSpaceWithChannelsAsync("a", "b");
        for (var i = 0; i < 20; i++) await Store.AppendAsync(twinSpace, Draft(i % 2 == 0 ? "a" : "b", "author", $"m{i}"));

        await Task.WhenAll(Enumerable.Range(1, 10).SelectMany(sequence => new[] { "a", "b" }.Select(channel =>
            Task.Run(() => ReplaceAsync(twinSpace, channel, sequence, m => m with { Deleted = true })))));
        var fresh = (await Store.AppendAsync(twinSpace, Draft("a", "author", "after"))).Message;

        foreach (var channel in new[] { "a", "b" })
            Assert.Equal(Range(1, 10), (await Store.AfterAsync(twinSpace, channel, 0, 10)).Select(m => m.LastChange).Order());
        Assert.Equal(10, fresh.StoredAfterChange);
        Assert.Empty((await Store.ChangedSinceAsync(twinSpace, "a", fresh.Sequence, maxChanges: 0))!);
        Assert.Equal(10, (await Store.ChangedSinceAsync(twinSpace, "a", 10, maxChanges: 100))!.Count);
    }

    [Fact]
    public async Task A_message_stored_or_made_held_records_a_pending_hold_until_it_is_cleared()
    {
        var twinSpace = await TwinSpaceWithChannelsAsync("a");
        var held = (await Store.AppendAsync(twinSpace, Draft("a", "author", "h1") with { Held = true })).Message;
        var plain = (await Store.AppendAsync(twinSpace, Draft("a", "author", "p1"))).Message;

        Assert.Equal([held.Sequence], (await Store.PendingHoldsAsync(twinSpace)).Select(m => m.Sequence));
        await ReplaceAsync(twinSpace, "a", plain.Sequence, m => m with { Held = true, Text = "held by an edit" });
        var pending = await Store.PendingHoldsAsync(twinSpace);
        Assert.Equal([held.Sequence, plain.Sequence], pending.Select(m => m.Sequence).Order());
        Assert.Equal("held by an edit", pending.Single(m => m.Sequence == plain.Sequence).Text);

        await Store.ClearPendingHoldAsync(twinSpace, "a", held.Sequence);
        await Store.ClearPendingHoldAsync(twinSpace, "a", 99);
        Assert.Equal([plain.Sequence], (await Store.PendingHoldsAsync(twinSpace)).Select(m => m.Sequence));
        // A message that stays held does not hold again when it changes.
        await Store.ClearPendingHoldAsync(twinSpace, "a", plain.Sequence);
        await ReplaceAsync(twinSpace, "a", plain.Sequence, m => m with { Text = "still held" });
        Assert.Empty(await Store.PendingHoldsAsync(twinSpace));
    }

    [Fact]
    public async Task Read_markers_only_move_forward_and_the_author_has_read_what_they_sent()
    {
        var twinSpace = await TwinSpaceWithChannelsAsync("a", "b");
        for (var i = 0; i < 5; i++) await Store.AppendAsync(twinSpace, Draft("b", "author", $"p{i}"));

        Assert.Equal(4, await Store.AdvanceReadMarkerAsync(twinSpace, "b", "reader", 4));
        Assert.Equal(4, await Store.AdvanceReadMarkerAsync(twinSpace, "b", "reader", 3));
        Assert.Equal(4, (await Store.ReadMarkersAsync(twinSpace, "reader"))["b"]);
        Assert.Equal(5, (await Store.ReadMarkersAsync(twinSpace, "author"))["b"]);
        Assert.Empty(await Store.ReadMarkersAsync(twinSpace, "reade"));
        Assert.False((await Store.ReadMarkersAsync(twinSpace, "reader")).ContainsKey("a"));
    }

    [Fact]
    public async Task Everything_survives_a_restart_and_sequences_continue()
    {
        var twinSpace = await TwinSpaceWithChannelsAsync("a");
        for (var i = 0; i < 5; i++) await Store.AppendAsync(twinSpace, Draft("a", "author", $"m{i}"));
        await ReplaceAsync(twinSpace, "a", 2, m => m with { Held = true, Text = "held" });
        await Store.AdvanceReadMarkerAsync(twinSpace, "a", "reader", 3);

        await RestartAsync();

        Assert.Equal(5, (await Store.FindChannelAsync(twinSpace, "a"))!.LastSequence);
        Assert.True((await Store.AppendAsync(twinSpace, Draft("a", "author", "m4"))).Duplicate);
        var next = (await Store.AppendAsync(twinSpace, Draft("a", "author", "m5"))).Message;
        Assert.Equal((6L, 1L), (next.Sequence, next.StoredAfterChange));
        Assert.Equal(("held", 2L), ((await Store.FindMessageAsync(twinSpace, "a", 2))!.Text, (await Store.FindMessageAsync(twinSpace, "a", 2))!.Version));
        Assert.Equal([2L], (await Store.ChangedSinceAsync(twinSpace, "a", 5, 10))!.Select(m => m.Sequence));
        Assert.Equal([2L], (await Store.PendingHoldsAsync(twinSpace)).Select(m => m.Sequence));
        Assert.Equal(3, (await Store.ReadMarkersAsync(twinSpace, "reader"))["a"]);
        var changed = await ReplaceAsync(twinSpace, "a", 3, m => m with { Deleted = true });
        Assert.Equal(2, changed.LastChange);
    }

    [Fact]
    public async Task TwinSpaces_are_isolated()
    {
        var one = await TwinSpaceWithChannelsAsync("a");
        var other = await TwinSpaceWithChannelsAsync("a");
        await Store.AppendAsync(one, Draft("a", "author", "c1") with { Held = true });
        await Store.AppendAsync(one, Draft("a", "author", "c2"));

        var there = await Store.AppendAsync(other, Draft("a", "author", "c1"));

        Assert.False(there.Duplicate);
        Assert.Equal(1, there.Message.Sequence);
        Assert.Equal(1, (await Store.FindChannelAsync(other, "a"))!.LastSequence);
        Assert.Empty(await Store.PendingHoldsAsync(other));
        Assert.Empty(await Store.ChannelsAsync(NewTwinSpaceId()));
        Assert.Null(await Store.FindMessageAsync(other, "a", 2));
    }

    protected async Task<string> TwinSpaceWithChannelsAsync(params string[] channelIds)
    {
        var twinSpace = NewTwinSpaceId();
        foreach (var id in channelIds) await Store.AddChannelIfAbsentAsync(twinSpace, Channel(id, id));
        return twinSpace;
    }

    /// <summary>Compare-and-set as a service does it: read, change, replace, again if the version moved.</summary>
    protected async Task<ChatMessage> ReplaceAsync(string twinSpace, string channelId, long sequence, Func<ChatMessage, ChatMessage> change)
    {
        while (true)
        {
            var current = await Store.FindMessageAsync(twinSpace, channelId, sequence) ?? throw new InvalidOperationException("No such message.");
            if (await Store.TryReplaceMessageAsync(twinSpace, change(current), current.Version) is { } stored) return stored;
        }
    }

    protected static ChatMessage Draft(string channelId, string authorId, string clientId) => new()
    {
        ChannelId = channelId, ClientMessageId = clientId, AuthorId = authorId, AuthorName = authorId, Text = "hello", SentAt = DateTime.UtcNow,
    };

    private static ChatChannel Channel(string id, string title) =>
        new() { Id = id, Kind = ChatChannelKind.Breakout, Title = title, CreatedBy = "t", CreatedAt = DateTime.UtcNow };

    private static IEnumerable<long> Range(long from, long to) => Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i);
}
