using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Rooms;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ETwinning.Collab.Server.Tests.Rooms;

/// <summary>Breakout groups as commands of the session machine, and the timer that calls everyone back.</summary>
public sealed class RoomBreakoutMachineTests
{
    private static readonly DateTime Start = new(2025, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private static readonly SessionActor Teacher = new("owl", "Ms Owl", TwinSpaceRole.Teacher, "c-owl");
    private static readonly SessionActor Fox = new("fox", "Fox", TwinSpaceRole.Pupil, "c-fox");
    private static readonly SessionActor Elk = new("elk", "Elk", TwinSpaceRole.Pupil, "c-elk");
    private static readonly BreakoutLimits Limits = new(MaxGroups: 4, MaxNameLength: 20, MaxMinutes: 60, MessageIntervalSeconds: 5);

    [Fact]
    public void Groups_limit_signalling_to_their_members_until_everyone_is_called_back()
    {
        var state = Split(minutes: null);

        Assert.Equal("forbidden", Refusal(state, Start, m => m.SignallingTarget(Fox, Elk.AccountId)));
        Assert.Equal("forbidden", Refusal(state, Start, m => m.SignallingTarget(Teacher, Fox.AccountId)));
        state = Apply(state, Start, m => m.VisitBreakout(Teacher, "b1g1"));
        Assert.Equal(Fox.ConnectionId, new RoomSessionMachine(state, Start).SignallingTarget(Teacher, Fox.AccountId).ConnectionId);

        state = Apply(state, Start, m => m.CloseBreakouts(Teacher));
        Assert.Null(state.Breakouts);
        Assert.Equal(Elk.ConnectionId, new RoomSessionMachine(state, Start).SignallingTarget(Fox, Elk.AccountId).ConnectionId);
        Assert.Equal(3, state.Participants.Count);
    }

    [Fact]
    public void The_timer_calls_everyone_back_once_its_time_has_passed_and_not_before()
    {
        var state = Split(minutes: 10);

        var early = new RoomSessionMachine(state, Start.AddMinutes(9));
        early.CloseBreakoutsIfDue();
        var due = new RoomSessionMachine(state, Start.AddMinutes(10));
        due.CloseBreakoutsIfDue();

        Assert.False(early.Changed);
        Assert.True(due.Changed);
        Assert.Null(due.State.Breakouts);
    }

    [Fact]
    public void Messages_to_all_groups_are_for_teachers_and_rate_limited()
    {
        var state = Split(minutes: null);

        Assert.Equal("forbidden", Refusal(state, Start, m => m.SendBreakoutMessage(Fox, Limits)));
        state = Apply(state, Start, m => m.SendBreakoutMessage(Teacher, Limits));
        Assert.Equal("rate_limited", Refusal(state, Start.AddSeconds(4), m => m.SendBreakoutMessage(Teacher, Limits)));
        Assert.Equal(Start.AddSeconds(5), Apply(state, Start.AddSeconds(5), m => m.SendBreakoutMessage(Teacher, Limits)).LastBreakoutMessageAt);
    }

    [Fact]
    public void Random_plans_deal_every_pupil_into_one_group_and_keep_teachers_out()
    {
        var participants = Enumerable.Range(0, 7).Select(i => new SessionParticipant
        {
            AccountId = $"p{i}", DisplayName = $"P{i}", Role = TwinSpaceRole.Pupil, IsModerator = false, ConnectionId = $"c{i}", JoinedAt = Start,
        }).Append(new SessionParticipant
        {
            AccountId = "t", DisplayName = "T", Role = TwinSpaceRole.Teacher, IsModerator = true, ConnectionId = "ct", JoinedAt = Start,
        }).ToList();

        var plan = BreakoutPlan.Random(participants, 3, new Random(7));

        Assert.Equal([3, 2, 2], plan.Select(group => group.AccountIds.Count));
        Assert.Equal(participants.Where(p => !p.IsModerator).Select(p => p.AccountId).Order(), plan.SelectMany(group => group.AccountIds).Order());
    }

    [Fact]
    public async Task A_breakout_timer_fires_when_the_clock_reaches_its_end()
    {
        var clock = new FakeTimeProvider(Start);
        using var timers = new BreakoutTimers(clock, NullLogger<BreakoutTimers>.Instance);
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        timers.Schedule("b1", Start.AddMinutes(10), () => { fired.SetResult(); return Task.CompletedTask; });

        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.False(fired.Task.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(1));
        await fired.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Teacher, Fox and Elk in the session; Fox and Elk in two groups, the teacher in the main session.</summary>
    private static RoomSessionState Split(int? minutes)
    {
        var state = RoomSessionMachine.Start("s1", new Room
        {
            Id = "r1", TwinSpaceId = "t1", Title = "Club", Capacity = 25, ChatChannelId = "rmr1", MaterialCollectionId = "f1",
            CreatedBy = Teacher.AccountId, CreatedAt = Start,
        }, Teacher.AccountId, Start) with { Version = 1 };
        state = Apply(state, Start, m => m.Join(Teacher), m => m.Join(Fox with { Role = TwinSpaceRole.Expert }), m => m.Join(Elk with { Role = TwinSpaceRole.Expert }));
        return Apply(state, Start, m => m.OpenBreakouts(Teacher, "b1", [new BreakoutPlan(null, [Fox.AccountId]), new BreakoutPlan("Forest", [Elk.AccountId])], minutes, Limits));
    }

    private static RoomSessionState Apply(RoomSessionState state, DateTime now, params Action<RoomSessionMachine>[] commands)
    {
        foreach (var command in commands) state = new RoomSessionMachine(state, now).Apply(command);
        return state;
    }

    private static string Refusal(RoomSessionState state, DateTime now, Action<RoomSessionMachine> command) =>
        Assert.Throws<CollabException>(() => command(new RoomSessionMachine(state, now))).Code;
}
