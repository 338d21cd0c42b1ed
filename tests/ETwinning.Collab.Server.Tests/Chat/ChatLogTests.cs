using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Chat;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Tests.Chat;

/// <summary>
/// The chat log keeps recent positions in memory and writes them to the file in blocks (<see cref="LiteDbChatLogIndex"/>).
/// These tests cross flushes, restarts, idle closes and rolled-back batches, and check that every message is still
/// found by channel and sequence, that sequences continue without gaps and that retries are still recognised.
/// </summary>
public sealed class ChatLogTests : IAsyncLifetime
{
    private const string TwinSpaceId = "ts1";
    private static readonly string[] ChannelIds = ["a", "b", "c"];
    private readonly TestStorage _storage = new(idleCloseSeconds: 1);
    private LiteDbChatStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = NewStore();
        foreach (var id in ChannelIds)
            await _store.AddChannelIfAbsentAsync(TwinSpaceId, new ChatChannel { Id = id, Kind = ChatChannelKind.Breakout, Title = id, CreatedBy = "t", CreatedAt = DateTime.UtcNow });
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Messages_across_several_flushes_and_a_restart_are_all_found_in_order()
    {
        var count = LiteDbChatLogIndex.FlushEvery * 2 + 500; // two flushes, and a tail that only the log holds
        await AppendAsync(0, count);
        await AssertCompleteAsync(count);

        await RestartAsync();
        await AssertCompleteAsync(count);
        // Sequences go on where they stopped, in every channel.
        var next = await _store.AppendAsync(TwinSpaceId, Draft("a", "author-a", "after-restart"));
        Assert.Equal(PerChannel(count, "a") + 1, next.Message.Sequence);
        await AssertCompleteAsync(count + 1, extraInA: 1);
    }

    [Fact]
    public async Task A_retry_after_a_restart_is_recognised_and_stores_nothing()
    {
        await AppendAsync(0, LiteDbChatLogIndex.FlushEvery + 10);
        await RestartAsync();

        var flushed = await _store.AppendAsync(TwinSpaceId, Draft("b", "author-b", "m1"));
        var newest = LiteDbChatLogIndex.FlushEvery + 9;
        var channel = ChannelIds[newest % 3];
        var unflushed = await _store.AppendAsync(TwinSpaceId, Draft(channel, $"author-{channel}", $"m{newest}"));

        Assert.True(flushed.Duplicate);
        Assert.Equal(1, flushed.Message.Sequence);
        Assert.True(unflushed.Duplicate);
        Assert.Equal(LiteDbChatLogIndex.FlushEvery + 10, (await ChatChannelsAsync()).Sum(c => c.LastSequence));
    }

    [Fact]
    public async Task A_retry_older_than_the_window_is_a_new_message()
    {
        _store = NewStore(retryWindow: 100);
        await _store.AppendAsync(TwinSpaceId, Draft("a", "author", "old"));
        await AppendAsync(0, 150);
        await _store.AppendAsync(TwinSpaceId, Draft("a", "author", "recent"));
        await AppendAsync(150, 50);

        Assert.True((await _store.AppendAsync(TwinSpaceId, Draft("a", "author", "recent"))).Duplicate);
        var old = await _store.AppendAsync(TwinSpaceId, Draft("a", "author", "old"));
        Assert.False(old.Duplicate);
    }

    [Fact]
    public async Task The_file_closing_when_idle_loses_nothing()
    {
        await AppendAsync(0, LiteDbChatLogIndex.FlushEvery + 100);
        await _storage.CloseWhenIdleAsync(TwinSpaceId);
        Assert.False(_storage.Files.ForTwinSpace(TwinSpaceId).IsOpen);

        await AssertCompleteAsync(LiteDbChatLogIndex.FlushEvery + 100);
        Assert.True((await _store.AppendAsync(TwinSpaceId, Draft("c", "author-c", "m2"))).Duplicate);
    }

    [Fact]
    public async Task A_batch_that_rolls_back_leaves_sequences_without_gaps_or_doubles()
    {
        await AppendAsync(0, LiteDbChatLogIndex.FlushEvery - 20);
        var file = _storage.Files.ForTwinSpace(TwinSpaceId);

        // Appends and one failing write share batches: each rolled-back batch is redone write by write, with the
        // index rebuilt from the file, and a flush happens somewhere in between.
        var appends = Enumerable.Range(0, 300).Select(i => _store.AppendAsync(TwinSpaceId, Draft(ChannelIds[i % 3], $"w{i % 3}", $"late{i}"))).ToList();
        var failing = file.WriteAsync(_ => throw new InvalidOperationException("a write that fails"));
        var more = Enumerable.Range(300, 300).Select(i => _store.AppendAsync(TwinSpaceId, Draft(ChannelIds[i % 3], $"w{i % 3}", $"late{i}"))).ToList();

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        var results = await Task.WhenAll(appends.Concat(more));
        Assert.All(results, r => Assert.False(r.Duplicate));
        foreach (var channel in ChannelIds)
        {
            var all = await _store.AfterAsync(TwinSpaceId, channel, 0, 10_000);
            Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(m => m.Sequence));
            Assert.Equal(all.Count, (await _store.FindChannelAsync(TwinSpaceId, channel))!.LastSequence);
        }
        Assert.Equal(LiteDbChatLogIndex.FlushEvery - 20 + 600, (await ChatChannelsAsync()).Sum(c => c.LastSequence));
    }

    [Fact]
    public async Task Readers_are_not_told_of_a_flush_before_its_batch_commits()
    {
        await AppendAsync(0, LiteDbChatLogIndex.FlushEvery - 1);
        var flushingChannel = ChannelIds[(LiteDbChatLogIndex.FlushEvery - 1) % 3];
        var committedLast = PerChannel(LiteDbChatLogIndex.FlushEvery - 1, flushingChannel);
        var file = _storage.Files.ForTwinSpace(TwinSpaceId);

        // The append that flushes, and a write held open behind it, queue while the writer is busy, so they share
        // one batch: the flush has run inside it, and nothing of it has committed while the second write waits.
        using var releaseFirst = new ManualResetEventSlim();
        using var releaseBatch = new ManualResetEventSlim();
        var firstRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batchRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = file.WriteAsync(_ => { firstRunning.SetResult(); releaseFirst.Wait(); });
        await firstRunning.Task;
        var flushing = _store.AppendAsync(TwinSpaceId, Draft(flushingChannel, $"author-{flushingChannel}", "flushes"));
        var heldOpen = file.WriteAsync(_ => { batchRunning.SetResult(); releaseBatch.Wait(); });
        releaseFirst.Set();
        await batchRunning.Task;
        try
        {
            Assert.Equal(committedLast, (await _store.FindChannelAsync(TwinSpaceId, flushingChannel))!.LastSequence);
            Assert.Equal(committedLast, (await _store.AfterAsync(TwinSpaceId, flushingChannel, committedLast - 5, 50))[^1].Sequence);
        }
        finally { releaseBatch.Set(); } // a failed assertion must not leave the writer waiting, or disposal hangs

        await Task.WhenAll(first, heldOpen, flushing);
        Assert.Equal(committedLast + 1, (await _store.FindChannelAsync(TwinSpaceId, flushingChannel))!.LastSequence);
        await AssertCompleteAsync(LiteDbChatLogIndex.FlushEvery);
    }

    /// <summary>Message i goes to channel i % 3, from that channel's author, with client id "m{i}".</summary>
    private async Task AppendAsync(int from, int count)
    {
        for (var start = from; start < from + count; start += 200)
            await Task.WhenAll(Enumerable.Range(start, Math.Min(200, from + count - start)).Select(i =>
                _store.AppendAsync(TwinSpaceId, Draft(ChannelIds[i % 3], $"author-{ChannelIds[i % 3]}", $"m{i}"))));
    }

    private async Task AssertCompleteAsync(int count, int extraInA = 0)
    {
        foreach (var channel in ChannelIds)
        {
            var expected = PerChannel(count - extraInA, channel) + (channel == "a" ? extraInA : 0);
            var all = new List<ChatMessage>();
            for (long after = 0; ; after = all[^1].Sequence)
            {
                var page = await _store.AfterAsync(TwinSpaceId, channel, after, 200);
                if (page.Count == 0) break;
                all.AddRange(page);
            }
            Assert.Equal(Enumerable.Range(1, expected).Select(i => (long)i), all.Select(m => m.Sequence));
            Assert.All(all, m => Assert.Equal(channel, m.ChannelId));
            Assert.Equal(expected, (await _store.FindChannelAsync(TwinSpaceId, channel))!.LastSequence);
            Assert.Equal(Enumerable.Range(expected - 9, 10).Select(i => (long)i), (await _store.BeforeAsync(TwinSpaceId, channel, long.MaxValue, 10)).Select(m => m.Sequence));
            Assert.Equal(all[expected / 2].Text, (await _store.FindMessageAsync(TwinSpaceId, channel, expected / 2 + 1))!.Text);
        }
    }

    private static int PerChannel(int count, string channel) => count / 3 + (Array.IndexOf(ChannelIds, channel) < count % 3 ? 1 : 0);

    private async Task<IReadOnlyList<ChatChannel>> ChatChannelsAsync() => await _store.ChannelsAsync(TwinSpaceId);

    private async Task RestartAsync()
    {
        await _storage.RestartAsync();
        _store = NewStore();
    }

    private LiteDbChatStore NewStore(int retryWindow = 10_000) =>
        new(_storage.Files, Options.Create(new ChatOptions { RetryWindowMessages = retryWindow }));

    private static ChatMessage Draft(string channelId, string authorId, string clientId) => new()
    {
        ChannelId = channelId, ClientMessageId = clientId, AuthorId = authorId, AuthorName = authorId, Text = "text of " + clientId, SentAt = DateTime.UtcNow,
    };
}
