using System.Collections.Concurrent;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Nodes;
using ETwinning.Collab.Server.Tests.Storage.Contracts;
using ETwinning.Collab.Server.Tests.Storage.LiteDb;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ETwinning.Collab.Server.Tests.LiveEvents;

public sealed class LiveTallyCoalescerTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingNotifier _notifier = new();
    private readonly RecordingBus _bus = new();
    private IStoreProvider _provider = null!;

    public async Task InitializeAsync() => _provider = await LiteDbStoreProvider.OpenAsync();

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task A_burst_of_votes_sends_one_tally_per_interval_and_the_last_one_carries_every_vote()
    {
        var store = _provider.Get<ILiveEventStore>();
        var coalescer = new LiveTallyCoalescer(store, _notifier, _bus, _clock,
            Options.Create(new LiveEventOptions { TallyUpdatesPerSecond = 4 }), NullLogger<LiveTallyCoalescer>.Instance);
        var poll = await store.AddPollAsync("ts", new LivePoll { Id = Ids.New(), EventId = "ev", Question = "?", Options = ["a", "b"] });

        await VoteAsync(store, coalescer, poll, 0, 50);
        var first = await _notifier.NextAsync();
        await VoteAsync(store, coalescer, poll, 50, 100);
        Assert.Equal(1, _notifier.Sent);
        _clock.Advance(TimeSpan.FromMilliseconds(250));
        var second = await _notifier.NextAsync();

        Assert.InRange(first.Voters, 1, 50);
        Assert.Equal(100, second.Voters);
        Assert.Equal(2, _notifier.Sent);
        Assert.Equal(2, _bus.Published.Count);
        Assert.All(_bus.Published, message => Assert.Equal(poll.Id, message.PollId));
    }

    [Fact]
    public async Task Changes_heard_from_another_node_reach_local_clients_without_echoing_back()
    {
        var store = _provider.Get<ILiveEventStore>();
        var coalescer = new LiveTallyCoalescer(store, _notifier, _bus, _clock, Options.Create(new LiveEventOptions()), NullLogger<LiveTallyCoalescer>.Instance);
        var poll = await store.AddPollAsync("ts", new LivePoll { Id = Ids.New(), EventId = "ev", Question = "?", Options = ["a", "b"] });

        coalescer.ChangedElsewhere("ts", "ev", poll.Id);

        Assert.Equal(poll.Id, (await _notifier.NextAsync()).PollId);
        Assert.Empty(_bus.Published);
    }

    private static async Task VoteAsync(ILiveEventStore store, LiveTallyCoalescer coalescer, LivePoll poll, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            await store.CastVoteAsync("ts", new LiveVote
            {
                Id = LiveVote.KeyOf(poll.Id, $"a{i}"), EventId = "ev", PollId = poll.Id, AccountId = $"a{i}", ClientId = "c", Choices = [i % 2],
            });
            coalescer.Changed("ts", "ev", poll.Id);
        }
    }

    private sealed class RecordingBus : INodeBus
    {
        public ConcurrentQueue<LiveTallyChanged> Published { get; } = new();
        public string NodeId => "test";

        public Task PublishAsync<TMessage>(TMessage message, CancellationToken cancellationToken = default) where TMessage : class
        {
            if (message is LiveTallyChanged tally) Published.Enqueue(tally);
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingNotifier : ILiveTallyDelivery
    {
        private readonly System.Threading.Channels.Channel<LiveTallyEvent> _tallies = System.Threading.Channels.Channel.CreateUnbounded<LiveTallyEvent>();
        private int _sent;

        public int Sent => Volatile.Read(ref _sent);

        public async Task<LiveTallyEvent> NextAsync() => await _tallies.Reader.ReadAsync().AsTask().WaitAsync(Wait);

        public Task ToLocalConnectionsAsync(LiveTallyEvent tally)
        {
            Interlocked.Increment(ref _sent);
            _tallies.Writer.TryWrite(tally);
            return Task.CompletedTask;
        }

    }
}
