using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Live events before and around the live part: planning, registration with the waiting list, the lobby, start and
/// end, hands and presenters. Each change of an event is a compare-and-set on its version, retried on a conflict, so two
/// hosts (or two nodes) never overwrite each other; seats are the store's registration operations.
/// </summary>
public sealed class LiveEventService(
    ILiveEventStore store, ITwinSpaceStore twinSpaces, IAccountStore accounts, LiveEventAccess access, LiveEventStateMachine machine,
    ILiveEventNotifier notifier, ChatChannelService chat, LiveEventMediaService media, LiveSupervision supervision, IOptions<LiveEventOptions> options)
{
    private const int MaxCompareAndSetAttempts = 20;
    private readonly LiveEventOptions _options = options.Value;

    public async Task<IReadOnlyList<LiveEventView>> ListAsync(MemberContext member, CancellationToken cancellationToken = default) =>
        (await store.EventsAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false)).Select(e => e.View()).ToList();

    public async Task<LiveEventView> CreateAsync(MemberContext member, CreateLiveEventRequest? request, CancellationToken cancellationToken = default)
    {
        request = Require.NotNull(request, "request");
        var title = LiveText.Required(request.Title, "Title", _options.MaxTitleCharacters);
        var description = LiveText.Optional(request.Description, "Description", _options.MaxDescriptionCharacters);
        if (request.Capacity < 1 || request.Capacity > _options.MaxCapacity)
            throw CollabException.Invalid($"Capacity is 1 to {_options.MaxCapacity} seats.").WithKey("LiveEvent_Capacity", _options.MaxCapacity);
        if (request.DurationMinutes < 1 || request.DurationMinutes > _options.MaxDurationMinutes)
            throw CollabException.Invalid($"An event lasts 1 to {_options.MaxDurationMinutes} minutes.").WithKey("LiveEvent_Duration", _options.MaxDurationMinutes);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone ?? "", out _))
            throw CollabException.Invalid("Name the time zone as in the IANA database, e.g. Europe/Lisbon.").WithKey("LiveEvent_TimeZone");
        if (!Enum.IsDefined(request.Audience)) throw CollabException.Invalid("Unknown audience.").WithKey("LiveEvent_Audience");
        var coHosts = await HostsAsync(member.TwinSpaceId, request.CoHostIds, cancellationToken).ConfigureAwait(false);
        var presenters = await MembersAsync(member.TwinSpaceId, request.PresenterIds, cancellationToken).ConfigureAwait(false);
        var stored = await store.AddEventAsync(new LiveEvent
        {
            Id = Ids.New(),
            TwinSpaceId = member.TwinSpaceId,
            Title = title,
            Description = description,
            StartsAt = DateTime.SpecifyKind(request.StartsAt.ToUniversalTime(), DateTimeKind.Utc),
            DurationMinutes = request.DurationMinutes,
            TimeZone = request.TimeZone!,
            Capacity = request.Capacity,
            Audience = request.Audience,
            CreatedBy = member.AccountId,
            CreatedAt = machine.Now,
            HostIds = [member.AccountId],
            CoHostIds = coHosts.Where(id => id != member.AccountId).ToList(),
            PresenterIds = presenters,
        }, cancellationToken).ConfigureAwait(false);
        await EnsureChatAsync(stored, cancellationToken).ConfigureAwait(false);
        await notifier.EventChangedAsync(new(member.TwinSpaceId, stored.View())).ConfigureAwait(false);
        return stored.View();
    }

    public async Task<LiveRegistrationView> RegisterAsync(MemberContext member, string? eventId, CancellationToken cancellationToken = default)
    {
        var liveEvent = await access.EventAsync(member.TwinSpaceId, eventId, cancellationToken).ConfigureAwait(false);
        var (school, country) = await SchoolOfAsync(member, cancellationToken).ConfigureAwait(false);
        var result = await store.RegisterAsync(member.TwinSpaceId, new LiveRegistration
        {
            Id = LiveRegistration.KeyOf(liveEvent.Id, member.AccountId),
            EventId = liveEvent.Id,
            AccountId = member.AccountId,
            DisplayName = member.Membership.DisplayName,
            School = school,
            Country = country,
            RegisteredAt = machine.Now,
        }, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == LiveRegistrationOutcome.EventNotFound)
            throw CollabException.Conflict("This event has ended; registration is closed.").WithKey("LiveEvent_RegistrationClosed");
        if (result.Outcome != LiveRegistrationOutcome.AlreadyRegistered)
            await notifier.EventChangedAsync(new(member.TwinSpaceId, result.Event!.View())).ConfigureAwait(false);
        return await ViewAsync(member.TwinSpaceId, result.Registration!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels the caller's registration; the first on the waiting list is told they have a seat now.</summary>
    public async Task<LiveRegistrationView?> CancelAsync(MemberContext member, string? eventId, CancellationToken cancellationToken = default)
    {
        var liveEvent = await access.EventAsync(member.TwinSpaceId, eventId, cancellationToken).ConfigureAwait(false);
        var result = await store.CancelRegistrationAsync(member.TwinSpaceId, liveEvent.Id, member.AccountId, cancellationToken).ConfigureAwait(false);
        if (result.Cancelled is null) return null;
        await notifier.EventChangedAsync(new(member.TwinSpaceId, result.Event!.View())).ConfigureAwait(false);
        if (result.Promoted is { } promoted)
            await notifier.RegistrationChangedAsync(promoted.AccountId, new(member.TwinSpaceId, promoted.View(null))).ConfigureAwait(false);
        return result.Cancelled.View(null);
    }

    /// <summary>
    /// The caller's own seats and waiting list places in the TwinSpace's events, so a client shows "registered" or "waiting,
    /// place N" after a reload; the host-only list is the whole event's.
    /// </summary>
    public async Task<IReadOnlyList<LiveRegistrationView>> MyRegistrationsAsync(MemberContext member, CancellationToken cancellationToken = default)
    {
        var mine = new List<LiveRegistrationView>();
        foreach (var liveEvent in await store.EventsAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false))
        {
            var registration = await store.FindRegistrationAsync(member.TwinSpaceId, liveEvent.Id, member.AccountId, cancellationToken).ConfigureAwait(false);
            if (registration is not null && registration.Status != LiveRegistrationStatus.Cancelled)
                mine.Add(await ViewAsync(member.TwinSpaceId, registration, cancellationToken).ConfigureAwait(false));
        }
        return mine;
    }

    public async Task<IReadOnlyList<LiveRegistrationView>> RegistrationsAsync(MemberContext member, string? eventId, CancellationToken cancellationToken = default)
    {
        var (liveEvent, _) = await access.DemandAsync(member, eventId, ResourceRule.HostLiveEvent, cancellationToken).ConfigureAwait(false);
        var rank = 0;
        return (await store.RegistrationsAsync(member.TwinSpaceId, liveEvent.Id, cancellationToken).ConfigureAwait(false))
            .Select(r => r.View(r.Status == LiveRegistrationStatus.Waitlisted ? ++rank : null)).ToList();
    }

    /// <summary>
    /// What a connection that just joined the event's scope sees: the event, the caller's role, and whether they are in or
    /// wait in the lobby. The connection stays in the scope either way and hears <c>LiveLobbyChanged</c> when to ask again.
    /// </summary>
    public async Task<LiveEventJoined> JoinAsync(MemberContext member, string? eventId, CancellationToken cancellationToken = default)
    {
        var (liveEvent, participant) = await access.DemandAsync(member, eventId, ResourceRule.AttendLiveEvent, cancellationToken).ConfigureAwait(false);
        // Only a pupil's entry hangs on it; the others skip the check.
        var supervised = participant.NeedsSupervision
            ? await supervision.PresentAsync(liveEvent, cancellationToken).ConfigureAwait(false)
            : LiveEventAccess.SupervisorPresent(liveEvent);
        var admission = machine.Admit(liveEvent, participant, supervised);
        if (!admission.Admitted) return new(liveEvent.View(), participant.Role, false, admission.LobbyReason, [], [], []);
        var polls = await store.PollsAsync(member.TwinSpaceId, liveEvent.Id, cancellationToken).ConfigureAwait(false);
        var questions = await store.QuestionsAsync(member.TwinSpaceId, liveEvent.Id, cancellationToken).ConfigureAwait(false);
        return new(liveEvent.View(), participant.Role, true, null,
            polls.Select(p => p.View()).ToList(),
            questions.Where(q => participant.CanHost || q.State != LiveQuestionState.Hidden).Select(q => q.View(participant.CanHost)).ToList(),
            liveEvent.Hands.Select(h => h.View()).ToList());
    }

    public async Task<LiveEventView> StartAsync(MemberContext member, string? eventId, CancellationToken cancellationToken = default)
    {
        var started = await ChangeAsync(member, eventId, ResourceRule.HostLiveEvent, (e, _) => machine.Start(e), lobbyChanged: true, cancellationToken)
            .ConfigureAwait(false);
        // Events planned before their chat existed get it now; for the others this finds the channel there.
        var liveEvent = await access.EventAsync(member.TwinSpaceId, started.Id, cancellationToken).ConfigureAwait(false);
        await EnsureChatAsync(liveEvent, cancellationToken).ConfigureAwait(false);
        await media.EventStartedAsync(liveEvent, cancellationToken).ConfigureAwait(false);
        return started;
    }

    /// <summary>The event's chat channel; its members are decided by <see cref="LiveEventChatAudience"/>, not listed.</summary>
    private Task<ChatChannel> EnsureChatAsync(LiveEvent liveEvent, CancellationToken cancellationToken) =>
        chat.CreateChannelAsync(liveEvent.TwinSpaceId, ChatChannelKind.LiveEvent, LiveEventChatAudience.ChannelIdOf(liveEvent.Id), liveEvent.Title, [],
            liveEvent.CreatedBy, cancellationToken);

    public async Task<LiveEventView> EndAsync(MemberContext member, string? eventId, CancellationToken cancellationToken = default)
    {
        var ended = await ChangeAsync(member, eventId, ResourceRule.HostLiveEvent, (e, _) => machine.End(e), lobbyChanged: true, cancellationToken)
            .ConfigureAwait(false);
        await media.EventEndedAsync(await access.EventAsync(member.TwinSpaceId, ended.Id, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return ended;
    }

    public async Task<IReadOnlyList<LiveHandView>> RaiseHandAsync(MemberContext member, string? eventId, CancellationToken cancellationToken = default)
    {
        var (liveEvent, participant) = await access.DemandAsync(member, eventId, ResourceRule.AttendLiveEvent, cancellationToken).ConfigureAwait(false);
        machine.RequireAdmitted(liveEvent, participant, LiveEventAccess.SupervisorPresent(liveEvent));
        return await HandsAsync(member, liveEvent.Id, ResourceRule.AttendLiveEvent, (e, p) => machine.RaiseHand(e, p), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lowers the caller's own hand, or (hosts) anyone's.</summary>
    public async Task<IReadOnlyList<LiveHandView>> LowerHandAsync(MemberContext member, string? eventId, string? accountId, CancellationToken cancellationToken = default)
    {
        var whose = string.IsNullOrEmpty(accountId) ? member.AccountId : accountId;
        var rule = whose == member.AccountId ? ResourceRule.AttendLiveEvent : ResourceRule.HostLiveEvent;
        return await HandsAsync(member, eventId, rule, (e, _) => LiveEventStateMachine.LowerHand(e, whose), cancellationToken).ConfigureAwait(false);
    }

    public async Task<LiveEventView> PromoteAsync(MemberContext member, string? eventId, string? accountId, CancellationToken cancellationToken = default)
    {
        var promoted = Require.Id(accountId, "accountId");
        if (await twinSpaces.FindMembershipAsync(member.TwinSpaceId, promoted, cancellationToken).ConfigureAwait(false) is null
            && !await IsSeatedOutsiderAsync(member.TwinSpaceId, eventId, promoted, cancellationToken).ConfigureAwait(false))
            throw CollabException.NotFound("No such member in this TwinSpace.").WithKey("LiveEvent_NoMember");
        var view = await ChangeAsync(member, eventId, ResourceRule.HostLiveEvent, (e, _) => LiveEventStateMachine.Promote(e, promoted), false, cancellationToken)
            .ConfigureAwait(false);
        await notifier.HandsChangedAsync(new(member.TwinSpaceId, view.Id, (await access.EventAsync(member.TwinSpaceId, view.Id, cancellationToken)
            .ConfigureAwait(false)).Hands.Select(h => h.View()).ToList())).ConfigureAwait(false);
        return view;
    }

    /// <summary>A teacher of another school with a seat in a public event may present in it, as a member attendee may.</summary>
    private async Task<bool> IsSeatedOutsiderAsync(string twinSpaceId, string? eventId, string accountId, CancellationToken cancellationToken) =>
        eventId is not null
        && await store.FindEventAsync(twinSpaceId, eventId, cancellationToken).ConfigureAwait(false) is { Audience: LiveEventAudience.PublicTeachers }
        && (await store.FindRegistrationAsync(twinSpaceId, eventId, accountId, cancellationToken).ConfigureAwait(false))?.Status == LiveRegistrationStatus.Registered;

    private async Task<IReadOnlyList<LiveHandView>> HandsAsync(
        MemberContext member, string? eventId, ResourceRule rule, Func<LiveEvent, LiveParticipant, LiveEvent> change, CancellationToken cancellationToken)
    {
        var stored = await CompareAndSetAsync(member, eventId, rule, change, cancellationToken).ConfigureAwait(false);
        var hands = stored.Hands.Select(h => h.View()).ToList();
        await notifier.HandsChangedAsync(new(member.TwinSpaceId, stored.Id, hands)).ConfigureAwait(false);
        return hands;
    }

    private async Task<LiveEventView> ChangeAsync(
        MemberContext member, string? eventId, ResourceRule rule, Func<LiveEvent, LiveParticipant, LiveEvent> change, bool lobbyChanged,
        CancellationToken cancellationToken)
    {
        var stored = await CompareAndSetAsync(member, eventId, rule, change, cancellationToken).ConfigureAwait(false);
        await notifier.EventChangedAsync(new(member.TwinSpaceId, stored.View())).ConfigureAwait(false);
        if (lobbyChanged)
        {
            var supervised = LiveEventAccess.SupervisorPresent(stored);
            await notifier.LobbyChangedAsync(new(member.TwinSpaceId, stored.Id, stored.State, supervised)).ConfigureAwait(false);
        }
        return stored.View();
    }

    private async Task<LiveEvent> CompareAndSetAsync(
        MemberContext member, string? eventId, ResourceRule rule, Func<LiveEvent, LiveParticipant, LiveEvent> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxCompareAndSetAttempts; attempt++)
        {
            var (liveEvent, participant) = await access.DemandAsync(member, eventId, rule, cancellationToken).ConfigureAwait(false);
            var changed = change(liveEvent, participant);
            if (ReferenceEquals(changed, liveEvent)) return liveEvent;
            if (await store.TryReplaceEventAsync(changed, liveEvent.Version, cancellationToken).ConfigureAwait(false) is { } stored) return stored;
        }
        throw CollabException.Conflict("The event changed many times at once; try again.").WithKey("LiveEvent_Busy");
    }

    private async Task<LiveRegistrationView> ViewAsync(string twinSpaceId, LiveRegistration registration, CancellationToken cancellationToken)
    {
        if (registration.Status != LiveRegistrationStatus.Waitlisted) return registration.View(null);
        var ahead = (await store.RegistrationsAsync(twinSpaceId, registration.EventId, cancellationToken).ConfigureAwait(false))
            .Count(r => r.Status == LiveRegistrationStatus.Waitlisted && r.WaitlistPosition < registration.WaitlistPosition);
        return registration.View(ahead + 1);
    }

    /// <summary>What leaderboards group a member by: a teacher is their school; a pupil counts for the teacher who created them.</summary>
    private async Task<(string School, string Country)> SchoolOfAsync(MemberContext member, CancellationToken cancellationToken)
    {
        var teacher = member.Membership;
        if (member.Caller.IsPupil && await accounts.FindPupilAsync(member.AccountId, cancellationToken).ConfigureAwait(false) is { } pupil
            && await twinSpaces.FindMembershipAsync(member.TwinSpaceId, pupil.CreatedBy, cancellationToken).ConfigureAwait(false) is { } creator)
            teacher = creator;
        return (teacher.DisplayName, teacher.Country ?? "");
    }

    private async Task<List<string>> HostsAsync(string twinSpaceId, IReadOnlyList<string>? accountIds, CancellationToken cancellationToken)
    {
        var hosts = new List<string>();
        foreach (var id in (accountIds ?? []).Distinct())
        {
            var membership = await twinSpaces.FindMembershipAsync(twinSpaceId, id, cancellationToken).ConfigureAwait(false);
            if (membership is null || !PermissionMatrix.Allows(membership.Role, TwinSpaceAction.HostLiveEvents))
                throw CollabException.Invalid("Co-hosts are teachers or experts of this TwinSpace.").WithKey("LiveEvent_CoHost");
            hosts.Add(id);
        }
        if (hosts.Count > _options.MaxHostsPerEvent)
            throw CollabException.Invalid($"At most {_options.MaxHostsPerEvent} co-hosts.").WithKey("LiveEvent_TooManyHosts", _options.MaxHostsPerEvent);
        return hosts;
    }

    private async Task<List<string>> MembersAsync(string twinSpaceId, IReadOnlyList<string>? accountIds, CancellationToken cancellationToken)
    {
        var members = new List<string>();
        foreach (var id in (accountIds ?? []).Distinct())
        {
            if (await twinSpaces.FindMembershipAsync(twinSpaceId, id, cancellationToken).ConfigureAwait(false) is null)
                throw CollabException.Invalid("Presenters are members of this TwinSpace.").WithKey("LiveEvent_Presenter");
            members.Add(id);
        }
        return members;
    }
}
