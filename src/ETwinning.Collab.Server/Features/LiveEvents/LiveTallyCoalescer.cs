using System.Collections.Concurrent;
using ETwinning.Collab.Server.Infrastructure.Nodes;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Running tallies, coalesced: however many votes arrive, each node reads a poll's tally from the store and sends it to
/// its own connections in the event at most <see cref="LiveEventOptions.TallyUpdatesPerSecond"/> times a second, and
/// tells the other nodes (over the node bus) at most as often, so every client gets at most that many tallies a second
/// whichever node it is on. The last change always goes out: a vote during a send schedules one more send one interval
/// later. The final tally is not this class's business: it goes to everyone when the poll closes.
/// </summary>
public sealed partial class LiveTallyCoalescer(
    ILiveEventStore store, ILiveTallyDelivery delivery, INodeBus bus, TimeProvider clock, IOptions<LiveEventOptions> options,
    ILogger<LiveTallyCoalescer> logger)
{
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(1.0 / options.Value.TallyUpdatesPerSecond);
    private readonly ConcurrentDictionary<(string TwinSpaceId, string EventId, string PollId), Pending> _polls = new();

    /// <summary>Votes were counted on this node.</summary>
    public void Changed(string twinSpaceId, string eventId, string pollId) => Schedule((twinSpaceId, eventId, pollId), tellOtherNodes: true);

    /// <summary>Another node counted votes.</summary>
    public void ChangedElsewhere(string twinSpaceId, string eventId, string pollId) => Schedule((twinSpaceId, eventId, pollId), tellOtherNodes: false);

    /// <summary>The poll closed: nothing more to coalesce (a send already scheduled finds the final tally, which is harmless).</summary>
    public void Forget(string twinSpaceId, string eventId, string pollId) => _polls.TryRemove((twinSpaceId, eventId, pollId), out _);

    private void Schedule((string TwinSpaceId, string EventId, string PollId) key, bool tellOtherNodes)
    {
        var pending = _polls.GetOrAdd(key, _ => new Pending());
        lock (pending)
        {
            pending.TellOtherNodes |= tellOtherNodes;
            if (pending.Scheduled) return;
            pending.Scheduled = true;
        }
        _ = SendLaterAsync(key, pending);
    }

    private async Task SendLaterAsync((string TwinSpaceId, string EventId, string PollId) key, Pending pending)
    {
        try
        {
            TimeSpan wait;
            lock (pending) wait = pending.LastSentAt + _interval - clock.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, clock).ConfigureAwait(false);
            bool tell;
            lock (pending)
            {
                // From here on a new vote schedules the next send, one interval after this one.
                pending.Scheduled = false;
                tell = pending.TellOtherNodes;
                pending.TellOtherNodes = false;
                pending.LastSentAt = clock.GetUtcNow();
            }
            if (tell) await bus.PublishAsync(new LiveTallyChanged(key.TwinSpaceId, key.EventId, key.PollId)).ConfigureAwait(false);
            if (await store.FindPollAsync(key.TwinSpaceId, key.PollId).ConfigureAwait(false) is not { } poll) return;
            await delivery.ToLocalConnectionsAsync(new(key.TwinSpaceId, key.EventId, poll.Id, poll.Tally, poll.Voters, Final: poll.ClosedAt is not null))
                .ConfigureAwait(false);
        }
        catch (Exception error)
        {
            // A lost running tally is repaired by the next one or by the final tally; it must not stop later sends.
            lock (pending) pending.Scheduled = false;
            LogSendFailed(error, key.PollId);
        }
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Sending the running tally of poll {PollId} failed")]
    private partial void LogSendFailed(Exception error, string pollId);

    private sealed class Pending
    {
        public bool Scheduled;
        public bool TellOtherNodes;
        public DateTimeOffset LastSentAt = DateTimeOffset.MinValue;
    }
}
