using ETwinning.Collab.Server.Features.TwinSpaces;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Whether a supervising teacher of the TwinSpace is in the event before a pupil is let in. The count on the event says
/// so while every stretch of attendance ends, but a node that dies (killed, cut off) never ends its connections'
/// stretches: a teacher gone with it would go on admitting pupils. So when the count says yes, the open supervising
/// stretches are checked against the nodes that still beat, and those of dead nodes are ended, which corrects the count
/// for every node and closes them in the attendance report.
/// </summary>
public sealed partial class LiveSupervision(ILiveEventStore store, IPresence presence, TimeProvider clock, ILogger<LiveSupervision> logger)
{
    public async Task<bool> PresentAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default)
    {
        if (!LiveEventAccess.SupervisorPresent(liveEvent)) return false;
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
            await store.EndAttendanceAsync(liveEvent.TwinSpaceId, stretch.Id, clock.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
        }
        return present;
    }

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information,
        Message = "Supervisor {AccountId} of event {EventId} was on node {NodeId}, which stopped beating: their stretch ends")]
    private partial void LogDeadNodeStretch(string accountId, string eventId, string nodeId);
}
