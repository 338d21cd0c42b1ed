using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// Breakout groups: commands of the same session state machine, stored the same way (compare-and-set), so every node
/// sees the same groups and relays signals only within them.
/// </summary>
public sealed partial class RoomSessionService
{
    /// <summary>
    /// Splits the session into random or chosen groups (a teacher in the session). With minutes, everyone is called
    /// back when the time is up: by a timer on this node, and by the next command on any node if that timer is lost.
    /// </summary>
    public async Task<BreakoutsView> OpenBreakoutsAsync(
        MemberContext teacher, string? roomId, string connectionId, OpenBreakoutsRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        if ((request.GroupCount is null) == (request.Groups is null))
            throw CollabException.Invalid("Ask for a number of random groups or for chosen groups, not both.").WithKey("Room_BreakoutRandomOrChosen");
        var limits = BreakoutLimits.Of(_options);
        if (request.GroupCount is < 2 || request.GroupCount > limits.MaxGroups)
            throw CollabException.Invalid($"Split a session into 2 to {limits.MaxGroups} random groups.").WithKey("Room_BreakoutRandomCount", limits.MaxGroups);
        var chosen = request.Groups?.Select(group => new BreakoutPlan(group?.Name,
            (group?.AccountIds ?? throw CollabException.Invalid("Every group needs its participants.").WithKey("Room_BreakoutGroupParticipants")).Select(id => Require.Id(id, "accountIds")).ToList())).ToList();
        var id = Ids.New();
        var room = await rooms.RequireJoinableAsync(teacher, roomId, cancellationToken).ConfigureAwait(false);
        var actor = SessionActor.Of(teacher, connectionId);
        var machine = await RunAsync(room.TwinSpaceId, room.Id, m =>
        {
            var plan = chosen ?? RandomPlan(m.State.Participants, request.GroupCount!.Value);
            m.OpenBreakouts(actor, id, plan, request.Minutes, limits);
        }, cancellationToken).ConfigureAwait(false);
        var round = machine!.State.Breakouts!;
        if (round.EndsAt is { } endsAt)
            breakoutTimers.Schedule(round.Id, endsAt, () => RunAsync(room.TwinSpaceId, room.Id, m => m.CloseBreakoutsIfDue(), CancellationToken.None, required: false));
        return BreakoutsView(round)!;
    }

    /// <summary>Calls everyone back to the main session at once.</summary>
    public Task CloseBreakoutsAsync(MemberContext teacher, string? roomId, string connectionId, CancellationToken cancellationToken = default) =>
        CommandAsync(teacher, roomId, (m, actor) => m.CloseBreakouts(actor), connectionId, cancellationToken);

    /// <summary>A teacher goes into a group to supervise it, or back to the main session (null).</summary>
    public Task VisitBreakoutAsync(MemberContext teacher, string? roomId, string connectionId, string? groupId, CancellationToken cancellationToken = default) =>
        CommandAsync(teacher, roomId, (m, actor) => m.VisitBreakout(actor, groupId is null ? null : Require.Id(groupId, "groupId")), connectionId, cancellationToken);

    /// <summary>A message from a teacher to every group (and the main session) at once, rate limited per session.</summary>
    public async Task SendBreakoutMessageAsync(MemberContext teacher, string? roomId, string connectionId, string? text, CancellationToken cancellationToken = default)
    {
        var message = Require.Text(text, "text", 1, _options.MaxBreakoutMessageLength);
        var room = await rooms.RequireJoinableAsync(teacher, roomId, cancellationToken).ConfigureAwait(false);
        var actor = SessionActor.Of(teacher, connectionId);
        var limits = BreakoutLimits.Of(_options);
        var machine = await RunAsync(room.TwinSpaceId, room.Id, m => m.SendBreakoutMessage(actor, limits), cancellationToken).ConfigureAwait(false);
        var state = machine!.State;
        await notifier.BreakoutMessageAsync(new RoomBreakoutMessageEvent(
            state.TwinSpaceId, state.RoomId, state.SessionId, teacher.AccountId, teacher.Membership.DisplayName, message, Now)).ConfigureAwait(false);
    }

    private static List<BreakoutPlan> RandomPlan(IReadOnlyList<SessionParticipant> participants, int count)
    {
        if (participants.Count(p => !p.IsModerator) < count)
            throw CollabException.Invalid("There are fewer participants to split than groups asked for.").WithKey("Room_BreakoutTooFew");
        return [.. BreakoutPlan.Random(participants, count, Random.Shared)];
    }

    private static BreakoutsView? BreakoutsView(BreakoutRound? round) => round is null
        ? null
        : new(round.Id, round.OpenedAt, round.EndsAt, round.Groups.Select(group => new BreakoutGroupView(group.Id, group.Name, group.AccountIds)).ToList());
}
