using System.Collections.Concurrent;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Chat;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Tests.Chat;

/// <summary>
/// Writers and readers on one TwinSpace file at once, from its very first write: channels created, messages
/// appended past a flush, edited, while readers page, count and look for changes. This found LiteDB failing a
/// reader ("page type must be collection page") when a collection was created under it; TwinSpaceCollections
/// now creates them when the file opens. Readers check that what they see has no gaps.
/// </summary>
public sealed class ChatConcurrencyTests : IAsyncLifetime
{
    private const string TwinSpaceId = "busy";
    private static readonly string[] ChannelIds = ["a", "b", "c"];
    private readonly TestStorage _storage = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Readers_running_alongside_the_first_writes_see_consistent_channels_and_never_fail()
    {
        var store = new LiteDbChatStore(_storage.Files, Options.Create(new ChatOptions()));
        var problems = new ConcurrentQueue<string>();
        var appended = 0;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            var channel = ChannelIds[w % 3];
            await store.AddChannelIfAbsentAsync(TwinSpaceId, new ChatChannel { Id = channel, Kind = ChatChannelKind.Breakout, Title = channel, CreatedBy = "t", CreatedAt = DateTime.UtcNow });
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    var sent = await store.AppendAsync(TwinSpaceId, new ChatMessage
                    {
                        ChannelId = channel, ClientMessageId = $"w{w}-{i}", AuthorId = $"a{w}", AuthorName = "n", Text = "text", SentAt = DateTime.UtcNow,
                    });
                    Interlocked.Increment(ref appended);
                    if (i % 40 == 0) await store.TryReplaceMessageAsync(TwinSpaceId, sent.Message with { Text = "edited" }, sent.Message.Version);
                }
                catch (Exception error) { problems.Enqueue("writer: " + error.Message); }
            }
        })).ToList();
        // Threads of their own: tight synchronous loops on the thread pool would starve the writers' continuations.
        var readers = Enumerable.Range(0, 3).Select(r => Task.Factory.StartNew(async () =>
        {
            var channel = ChannelIds[r];
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var last = (await store.FindChannelAsync(TwinSpaceId, channel))?.LastSequence ?? 0;
                    var page = await store.AfterAsync(TwinSpaceId, channel, Math.Max(0, last - 30), 50);
                    for (var k = 1; k < page.Count; k++)
                        if (page[k].Sequence != page[k - 1].Sequence + 1) problems.Enqueue($"gap {page[k - 1].Sequence} -> {page[k].Sequence}");
                    await store.BeforeAsync(TwinSpaceId, channel, long.MaxValue, 20);
                    await store.ChangedSinceAsync(TwinSpaceId, channel, Math.Max(1, last - 10), 5_000);
                    await store.ChannelsAsync(TwinSpaceId);
                    await store.ReadMarkersAsync(TwinSpaceId, "a1");
                }
                catch (Exception error) { problems.Enqueue("reader: " + error.Message); }
            }
        }, TaskCreationOptions.LongRunning).Unwrap()).ToList();

        // Until the log has flushed at least once, and a little longer (a stuck writer fails here, not by hanging).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Volatile.Read(ref appended) < LiteDbChatLogIndex.FlushEvery + 500 && DateTime.UtcNow < deadline) await Task.Delay(50);
        await stop.CancelAsync();
        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(problems);
        Assert.True(Volatile.Read(ref appended) >= LiteDbChatLogIndex.FlushEvery + 500, $"only {appended} appends in a minute");
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var channel in ChannelIds)
        {
            var all = await store.AfterAsync(TwinSpaceId, channel, 0, 10_000);
            Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(m => m.Sequence));
        }
    }
}
