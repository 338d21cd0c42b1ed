using System.Collections.Concurrent;
using ETwinning.Collab.Server.Features.TwinSpaces;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Whether a supervising teacher of the TwinSpace is in the event before a pupil is let in. The count on the event says
/// so while every stretch of attendance ends, but a node that dies (killed, cut off) never ends its connections'
/// stretches: a teacher gone with it would go on admitting pupils. So when the count says yes, the open supervising
/// stretches are checked against the nodes that still beat, and those of dead nodes are ended, which corrects the count
/// for every node and closes them in the attendance report. A confirmation holds for a few seconds on this node, so a
/// class of pupils entering at once costs one check, not one each (a dead node is noticed only after the heartbeat
/// timeout anyway).
/// </summary>
public sealed partial class LiveSupervision(ILiveEventStore store, IPresence presence, TimeProvider clock, ILogger<LiveSupervision> logger)
{
    private const int MaxConfirmations = 1_000;
    private static readonly TimeSpan ConfirmationHolds = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<(string TwinSpaceId, string EventId), DateTime> _confirmedUntil = new();

    public async Task<bool> PresentAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default)
    {
        if (!LiveEventAccess.SupervisorPresent(liveEvent))
        {
            _confirmedUntil.TryRemove((liveEvent.TwinSpaceId, liveEvent.Id), out _);
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (_confirmedUntil.TryGetValue((liveEvent.TwinSpaceId, liveEvent.Id), out var until) && until > now) return true;
        var present = false;
        foreach (var stretch in await store.OpenSupervisionAsync(liveEvent.TwinSpaceId, liveEvent.Id, cancellationToken).ConfigureAwait(false))
        {
            // Stretches stored before nodes were recorded cannot be checked; they count as before.
            if (stretch.NodeId is null || await presence.IsNodeAliveAsync(stretch.NodeId, cancellationToken).ConfigureAwait(false))
            {
                present = true;
                continue;
            }
            LogDeadNodeStretch(stretch.AccountId, liveEvent.Id, stretch.NodeId);
            await store.EndAttendanceAsync(liveEvent.TwinSpaceId, stretch.Id, now, cancellationToken).ConfigureAwait(false);
        }
        if (present) Confirm((liveEvent.TwinSpaceId, liveEvent.Id), now);
        else _confirmedUntil.TryRemove((liveEvent.TwinSpaceId, liveEvent.Id), out _);
        return present;
    }

    private void Confirm((string, string) key, DateTime now)
    {
        // Events end and are not asked about again: lapsed confirmations go when there are many.
        if (_confirmedUntil.Count >= MaxConfirmations)
            foreach (var (lapsed, until) in _confirmedUntil)
                if (until <= now) _confirmedUntil.TryRemove(lapsed, out _);
        _confirmedUntil[key] = now + ConfirmationHolds;
    }

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information,
        Message = "Supervisor {AccountId} of event {EventId} was on node {NodeId}, which stopped beating: their stretch ends")]
    private partial void LogDeadNodeStretch(string accountId, string eventId, string nodeId);
}
