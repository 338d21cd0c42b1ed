using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Where a validated teacher finds public events of every TwinSpace. It shows what a teacher decides on (title, start,
/// length, seats) and the TwinSpace's title, nothing else of the TwinSpace: no description of it, no members, no hosts.
/// </summary>
public sealed class PublicLiveEventDirectory(ILiveEventStore events, ITwinSpaceStore twinSpaces, IAccountStore accounts, LiveEventStateMachine machine)
{
    public async Task<IReadOnlyList<PublicLiveEventView>> ListAsync(CallerIdentity caller, CancellationToken cancellationToken = default)
    {
        if (caller.IsPupil)
            throw CollabException.Forbidden("Public events are for teachers; pupils take part in their own TwinSpace's events.").WithKey("LiveEvent_PublicForTeachers");
        if (await accounts.FindTeacherAsync(caller.AccountId, cancellationToken).ConfigureAwait(false) is not { IsValidated: true })
            throw CollabException.Forbidden("Public events are open to validated teacher accounts only.").WithKey("LiveEvent_NotValidated");
        var now = machine.Now;
        var listed = new List<PublicLiveEventView>();
        // A TwinSpace with several public events is read once per listing.
        var spaces = new Dictionary<string, TwinSpace?>(StringComparer.Ordinal);
        foreach (var liveEvent in await events.PublicEventsAsync(cancellationToken).ConfigureAwait(false))
        {
            // An event never started whose planned end has passed is not upcoming any more; a live one still is.
            if (liveEvent.State == LiveEventState.Scheduled && liveEvent.StartsAt.AddMinutes(liveEvent.DurationMinutes) <= now) continue;
            if (!spaces.TryGetValue(liveEvent.TwinSpaceId, out var found))
                spaces[liveEvent.TwinSpaceId] = found = await twinSpaces.FindAsync(liveEvent.TwinSpaceId, cancellationToken).ConfigureAwait(false);
            if (found is not { State: TwinSpaceState.Open } twinSpace)
                continue;
            listed.Add(new PublicLiveEventView(
                twinSpace.Id, liveEvent.Id, liveEvent.Title, twinSpace.Title, liveEvent.StartsAt, liveEvent.TimeZone, liveEvent.DurationMinutes,
                liveEvent.Capacity, Math.Max(0, liveEvent.Capacity - liveEvent.RegisteredCount), liveEvent.WaitlistCount, liveEvent.State,
                await MyRegistrationAsync(liveEvent, caller.AccountId, cancellationToken).ConfigureAwait(false)));
        }
        return listed;
    }

    private async Task<LiveRegistrationView?> MyRegistrationAsync(LiveEvent liveEvent, string accountId, CancellationToken cancellationToken)
    {
        var mine = await events.FindRegistrationAsync(liveEvent.TwinSpaceId, liveEvent.Id, accountId, cancellationToken).ConfigureAwait(false);
        if (mine is null || mine.Status == LiveRegistrationStatus.Cancelled) return null;
        if (mine.Status != LiveRegistrationStatus.Waitlisted) return mine.View(null);
        // Positions are never reused, so the place in the queue is how many still wait ahead, plus one.
        var ahead = (await events.RegistrationsAsync(liveEvent.TwinSpaceId, liveEvent.Id, cancellationToken).ConfigureAwait(false))
            .Count(r => r.Status == LiveRegistrationStatus.Waitlisted && r.WaitlistPosition < mine.WaitlistPosition);
        return mine.View(ahead + 1);
    }
}
