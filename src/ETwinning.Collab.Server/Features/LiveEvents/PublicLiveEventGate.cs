using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// The one way into a TwinSpace without a membership: a validated teacher account, for one event whose audience is
/// <c>publicTeachers</c>, in the methods marked <see cref="PublicLiveEventAttribute"/>. Members (and pupils, whose
/// tokens are scoped to their own TwinSpace) go through <see cref="PermissionGuard"/> exactly as before.
/// </summary>
public sealed class PublicLiveEventGate(
    PermissionGuard guard, ITwinSpaceStore twinSpaces, IAccountStore accounts, ILiveEventStore events, IChatStore chat)
{
    /// <summary>
    /// The rights an outsider holds in a public event: attend, vote, ask, raise a hand; never host, never supervise pupils
    /// (a teacher of another school is not the pupils' teacher), and no need of supervision.
    /// </summary>
    public const TwinSpaceRole OutsiderRole = TwinSpaceRole.Observer;

    public ValueTask<MemberContext> DemandAsync(
        CallerIdentity caller, string? twinSpaceId, string? eventId, TwinSpaceAction action, CancellationToken cancellationToken = default) =>
        DemandAsync(caller, twinSpaceId, PublicLiveEventSource.EventId, eventId, action, cancellationToken);

    /// <summary>
    /// The gate for a method whose second argument, <paramref name="eventArgument"/>, names the event as
    /// <paramref name="source"/> says. A chat channel that is not a live event's own channel names no event, and the
    /// caller is then checked as a member (which an outsider is not).
    /// </summary>
    public async ValueTask<MemberContext> DemandAsync(
        CallerIdentity caller, string? twinSpaceId, PublicLiveEventSource source, object? eventArgument, TwinSpaceAction action,
        CancellationToken cancellationToken = default)
    {
        var id = Require.Id(twinSpaceId, "twinSpaceId");
        if (caller.IsPupil || await twinSpaces.FindMembershipAsync(id, caller.AccountId, cancellationToken).ConfigureAwait(false) is not null)
            return await guard.DemandAsync(caller, id, action, cancellationToken).ConfigureAwait(false);
        var eventId = source == PublicLiveEventSource.EventId
            ? eventArgument as string
            : await EventOfChannelAsync(id, eventArgument, cancellationToken).ConfigureAwait(false);
        if (eventId is null) return await guard.DemandAsync(caller, id, action, cancellationToken).ConfigureAwait(false);
        var twinSpace = await twinSpaces.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (twinSpace is null || twinSpace.State == TwinSpaceState.Closed)
            throw CollabException.NotFound("No such TwinSpace.").WithKey("Permission_NoTwinSpace");
        // A missing event and a members-only one are refused alike, so an outsider cannot probe a TwinSpace's plans.
        var liveEvent = await events.FindEventAsync(id, Require.Id(eventId, "eventId"), cancellationToken).ConfigureAwait(false);
        if (liveEvent is null || liveEvent.Audience != LiveEventAudience.PublicTeachers)
            throw CollabException.Forbidden("This event is open to the members of its TwinSpace only.").WithKey("LiveEvent_NotPublic");
        var teacher = await accounts.FindTeacherAsync(caller.AccountId, cancellationToken).ConfigureAwait(false);
        if (teacher is not { IsValidated: true })
            throw CollabException.Forbidden("Public events are open to validated teacher accounts only.").WithKey("LiveEvent_NotValidated");
        if (!PermissionMatrix.Allows(OutsiderRole, action) && !(source == PublicLiveEventSource.ChatChannel && action == TwinSpaceAction.WriteChat))
            throw CollabException.Forbidden("Your role in this TwinSpace does not allow this.").WithKey("Permission_Role");
        if (PermissionMatrix.IsRefusedWhenArchived(action) && twinSpace.State == TwinSpaceState.Archived)
            throw CollabException.ReadOnly("This TwinSpace is archived: it can be read but not changed.").WithKey("Permission_Archived");
        return new MemberContext(caller, twinSpace, new Membership
        {
            Id = Membership.KeyOf(id, caller.AccountId),
            TwinSpaceId = id,
            AccountId = caller.AccountId,
            Role = OutsiderRole,
            Kind = AccountKind.Teacher,
            DisplayName = teacher.DisplayName,
            Country = teacher.Country,
        }) { IsPublicAttendee = true };
    }

    /// <summary>The event whose own chat channel <paramref name="channelArgument"/> names (an id or a send request), else null.</summary>
    private async ValueTask<string?> EventOfChannelAsync(string twinSpaceId, object? channelArgument, CancellationToken cancellationToken)
    {
        var channelId = channelArgument switch
        {
            string id => id,
            SendChatMessageRequest request => request.ChannelId,
            _ => null,
        };
        if (channelId is null || LiveEventChatAudience.EventIdOf(channelId) is not { } eventId) return null;
        var channel = await chat.FindChannelAsync(twinSpaceId, channelId, cancellationToken).ConfigureAwait(false);
        return channel?.Kind == ChatChannelKind.LiveEvent ? eventId : null;
    }
}
