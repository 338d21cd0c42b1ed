using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Loads an event and works out how the caller stands to it (host, seat), then asks the one guard whether the resource
/// rule allows the call. The lobby and supervision rules then use what this found, never role names.
/// </summary>
public sealed class LiveEventAccess(ILiveEventStore store)
{
    public async Task<LiveEvent> EventAsync(string twinSpaceId, string? eventId, CancellationToken cancellationToken = default) =>
        await store.FindEventAsync(twinSpaceId, Require.Id(eventId, "eventId"), cancellationToken).ConfigureAwait(false)
        ?? throw CollabException.NotFound("No such event in this TwinSpace.").WithKey("LiveEvent_NoEvent");

    /// <summary>The event and the caller as a participant, if <paramref name="rule"/> allows them; else <c>forbidden</c>.</summary>
    public async Task<(LiveEvent Event, LiveParticipant Participant)> DemandAsync(
        MemberContext member, string? eventId, ResourceRule rule, CancellationToken cancellationToken = default)
    {
        var liveEvent = await EventAsync(member.TwinSpaceId, eventId, cancellationToken).ConfigureAwait(false);
        var registration = await store.FindRegistrationAsync(member.TwinSpaceId, liveEvent.Id, member.AccountId, cancellationToken).ConfigureAwait(false);
        var relation = Relation(liveEvent, member.AccountId, registration);
        var participant = Participant(member, liveEvent, relation);
        if (!PermissionGuard.Allows(member, rule, relation))
            throw rule == ResourceRule.HostLiveEvent
                ? CollabException.Forbidden("Only the event's hosts may do this.").WithKey("LiveEvent_NotHost")
                : CollabException.Forbidden("You have no seat in this event (register first, or wait for the waiting list).").WithKey("LiveEvent_NoSeat");
        return (liveEvent, participant);
    }

    /// <summary>True while a supervising teacher of the TwinSpace is in the event (on any node: the store counts them on the event).</summary>
    public static bool SupervisorPresent(LiveEvent liveEvent) => liveEvent.SupervisorsPresent > 0;

    public static bool IsHost(LiveEvent liveEvent, string accountId) =>
        liveEvent.CreatedBy == accountId || liveEvent.HostIds.Contains(accountId) || liveEvent.CoHostIds.Contains(accountId);

    private static LiveParticipant Participant(MemberContext member, LiveEvent liveEvent, ResourceRelation relation)
    {
        var role = liveEvent.CreatedBy == member.AccountId || liveEvent.HostIds.Contains(member.AccountId) ? LiveEventRole.Host
            : liveEvent.CoHostIds.Contains(member.AccountId) ? LiveEventRole.CoHost
            : liveEvent.PresenterIds.Contains(member.AccountId) ? LiveEventRole.Presenter
            : LiveEventRole.Attendee;
        var memberRole = member.Membership.Role;
        return new LiveParticipant(
            member.AccountId, member.Membership.DisplayName, role,
            CanHost: PermissionGuard.Allows(member, ResourceRule.HostLiveEvent, relation),
            NeedsSupervision: !PermissionMatrix.Allows(memberRole, TwinSpaceAction.AttendLiveEventsUnsupervised),
            Supervises: PermissionMatrix.Allows(memberRole, TwinSpaceAction.SuperviseLiveEvents),
            IsPupil: member.Caller.IsPupil);
    }

    private static ResourceRelation Relation(LiveEvent liveEvent, string accountId, LiveRegistration? registration) =>
        (IsHost(liveEvent, accountId) ? ResourceRelation.LiveEventHost : ResourceRelation.None)
        | (registration?.Status == LiveRegistrationStatus.Registered ? ResourceRelation.LiveEventSeat : ResourceRelation.None);
}
