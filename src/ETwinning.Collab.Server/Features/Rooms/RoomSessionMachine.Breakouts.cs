using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// Breakouts are part of the session's state, not a second session: participants keep their seat, hand and
/// attendance; a group only limits whom they signal to (<see cref="SignallingTarget"/>). Calling back clears the
/// groups, and everyone is in the main session again.
/// </summary>
public sealed partial class RoomSessionMachine
{
    /// <summary>
    /// Splits the session into the planned groups (a teacher in the session). Every account must be a participant and
    /// in at most one group; participants in no group (teachers, latecomers) stay in the main session.
    /// </summary>
    public void OpenBreakouts(SessionActor moderator, string id, IReadOnlyList<BreakoutPlan> plan, int? minutes, BreakoutLimits limits)
    {
        RequireModeratorInSession(moderator);
        if (_breakouts is not null) throw CollabException.Conflict("Breakout groups are open already; call everyone back first.").WithKey("Room_BreakoutsOpen");
        if (plan.Count < 1 || plan.Count > limits.MaxGroups) throw CollabException.Invalid($"Split a session into 1 to {limits.MaxGroups} groups.").WithKey("Room_BreakoutGroupCount", limits.MaxGroups);
        if (minutes is < 1 || minutes > limits.MaxMinutes) throw CollabException.Invalid($"A breakout timer runs between 1 and {limits.MaxMinutes} minutes.").WithKey("Room_BreakoutMinutes", limits.MaxMinutes);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<BreakoutGroup>();
        foreach (var (planned, index) in plan.Select((planned, index) => (planned, index)))
        {
            if (planned.AccountIds.Count == 0) throw CollabException.Invalid("Every breakout group needs at least one participant.").WithKey("Room_BreakoutGroupEmpty");
            foreach (var accountId in planned.AccountIds)
            {
                if (!_participants.Exists(p => p.AccountId == accountId)) throw CollabException.NotFound("Only participants of the session can go to a group.").WithKey("Room_BreakoutParticipantsOnly");
                if (!seen.Add(accountId)) throw CollabException.Invalid("A participant can be in only one breakout group.").WithKey("Room_BreakoutOneGroup");
            }
            var name = string.IsNullOrWhiteSpace(planned.Name) ? $"Group {index + 1}" : planned.Name.Trim();
            if (name.Length > limits.MaxNameLength) throw CollabException.Invalid($"A group's name is at most {limits.MaxNameLength} characters.").WithKey("Room_BreakoutNameLength", limits.MaxNameLength);
            groups.Add(new BreakoutGroup { Id = $"{id}g{index + 1}", Name = name, AccountIds = [.. planned.AccountIds] });
        }
        _breakouts = new BreakoutRound { Id = id, OpenedAt = _now, EndsAt = minutes is { } length ? _now.AddMinutes(length) : null, Groups = groups };
        Changed = true;
    }

    /// <summary>Calls everyone back to the main session at once (a teacher in the session).</summary>
    public void CloseBreakouts(SessionActor moderator)
    {
        RequireModeratorInSession(moderator);
        RequireBreakouts();
        _breakouts = null;
        Changed = true;
    }

    /// <summary>Calls everyone back when the breakout timer has run out; does nothing otherwise (applied before every command).</summary>
    public void CloseBreakoutsIfDue()
    {
        if (_breakouts?.EndsAt is not { } endsAt || endsAt > _now) return;
        _breakouts = null;
        Changed = true;
    }

    /// <summary>A teacher goes into one group to supervise it (or back to the main session with null).</summary>
    public void VisitBreakout(SessionActor moderator, string? groupId)
    {
        RequireModeratorInSession(moderator);
        var round = RequireBreakouts();
        if (groupId is not null && !round.Groups.Exists(group => group.Id == groupId)) throw CollabException.NotFound("No such breakout group.").WithKey("Room_NoBreakoutGroup");
        if (round.GroupOf(moderator.AccountId)?.Id == groupId) return;
        var groups = round.Groups
            .Select(group => group with { AccountIds = [.. group.AccountIds.Where(id => id != moderator.AccountId)] })
            .Select(group => group.Id == groupId ? group with { AccountIds = [.. group.AccountIds, moderator.AccountId] } : group)
            .ToList();
        _breakouts = round with { Groups = groups };
        Changed = true;
    }

    /// <summary>Records a teacher's message to every group; the caller sends it once the state is stored. At most one per interval.</summary>
    public void SendBreakoutMessage(SessionActor moderator, BreakoutLimits limits)
    {
        RequireModeratorInSession(moderator);
        RequireBreakouts();
        if (_lastBreakoutMessageAt is { } last && _now < last.AddSeconds(limits.MessageIntervalSeconds))
            throw CollabException.RateLimited($"Send a message to all groups at most once every {limits.MessageIntervalSeconds} seconds.").WithKey("Room_BreakoutMessageInterval", limits.MessageIntervalSeconds);
        _lastBreakoutMessageAt = _now;
        Changed = true;
    }

    private BreakoutRound RequireBreakouts() => _breakouts ?? throw CollabException.NotFound("No breakout groups are open.").WithKey("Room_NoBreakouts");
}
