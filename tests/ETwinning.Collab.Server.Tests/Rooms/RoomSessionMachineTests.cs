using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Rooms;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Tests.Rooms;

/// <summary>The session rules, command by command, without a server: phases, lobby, removal, lock, capacity, attendance.</summary>
public sealed class RoomSessionMachineTests
{
    private static readonly DateTime Start = new(2025, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private static readonly SessionActor Teacher = new("owl", "Ms Owl", TwinSpaceRole.Teacher, "c-owl");
    private static readonly SessionActor Pupil = new("fox", "Fox", TwinSpaceRole.Pupil, "c-fox");
    private static readonly SessionActor Expert = new("elk", "Mr Elk", TwinSpaceRole.Expert, "c-elk");

    [Fact]
    public void A_session_waits_for_a_teacher_and_pupils_wait_in_the_lobby_until_admitted()
    {
        var state = Started();

        state = Apply(state, m => Assert.False(m.Join(Pupil)));
        Assert.Equal(RoomSessionPhase.WaitingForTeacher, state.Phase);
        Assert.Throws<CollabException>(() => Apply(state, m => m.Admit(Teacher, Pupil.AccountId)));

        state = Apply(state, m => Assert.True(m.Join(Teacher)));
        Assert.Equal(RoomSessionPhase.Live, state.Phase);
        var admitting = new RoomSessionMachine(state, Start);
        admitting.Admit(Teacher, Pupil.AccountId);
        Assert.Equal([new SessionNotice("c-fox", RoomSessionNotice.Admitted)], admitting.Notices);
        state = Apply(admitting.State, m => Assert.True(m.Join(Pupil with { ConnectionId = "c-fox-2" })));

        Assert.Equal(["owl", "fox"], state.Participants.Select(p => p.AccountId));
        Assert.Empty(state.Lobby);
        Assert.Equal("c-fox-2", state.Participants[1].ConnectionId);
    }

    [Fact]
    public void Guests_enter_at_once_and_only_teachers_may_share_screens_until_allowed()
    {
        var state = Apply(Started(), m => m.Join(Teacher), m => Assert.True(m.Join(Expert)));

        Assert.Equal("forbidden", Refusal(state, m => m.SetMedia(Expert, false, false, true)));
        state = Apply(state, m => m.Moderate(Teacher, Expert.AccountId, RoomModeration.AllowScreenShare), m => m.SetMedia(Expert, false, false, true));
        Assert.True(state.Participants.Single(p => p.AccountId == Expert.AccountId).ScreenOn);
    }

    [Fact]
    public void A_removed_account_never_comes_back_and_a_locked_session_takes_nobody_new()
    {
        var state = Apply(Started(), m => m.Join(Teacher), m => m.Join(Expert), m => m.Moderate(Teacher, Expert.AccountId, RoomModeration.Remove));

        Assert.Equal("forbidden", Refusal(state, m => m.Join(Expert with { ConnectionId = "new" })));
        state = Apply(state, m => m.Lock(Teacher, true));
        Assert.Equal("forbidden", Refusal(state, m => m.Join(Pupil)));
        Assert.True(Apply(state, m => Assert.True(m.Join(Teacher with { AccountId = "bee", ConnectionId = "c-bee" }))).Participants.Count == 2);
    }

    [Fact]
    public void Moderation_needs_a_teacher_in_the_session()
    {
        var state = Apply(Started(), m => m.Join(Teacher), m => m.Join(Expert));

        Assert.Equal("forbidden", Refusal(state, m => m.Moderate(Expert, Teacher.AccountId, RoomModeration.Mute)));
        Assert.Equal("forbidden", Refusal(state, m => m.Lock(Expert, true)));
        Assert.Equal("forbidden", Refusal(state, m => m.Moderate(Teacher with { AccountId = "bee" }, Expert.AccountId, RoomModeration.Mute)));
        Assert.Equal("invalid", Refusal(state, m => m.Moderate(Teacher, Teacher.AccountId, RoomModeration.Remove)));
    }

    [Fact]
    public void A_full_session_refuses_the_next_one()
    {
        var state = Started(capacity: 2);
        state = Apply(state, m => m.Join(Teacher), m => m.Join(Expert));

        Assert.Equal("conflict", Refusal(state, m => m.Join(Teacher with { AccountId = "bee", ConnectionId = "c-bee" })));
    }

    [Fact]
    public void Hands_queue_in_order_and_leaving_lowers_them()
    {
        var state = Apply(Started(), m => m.Join(Teacher), m => m.Join(Expert), m => m.RaiseHand(Expert), m => m.RaiseHand(Teacher));
        Assert.Equal(["elk", "owl"], state.RaisedHands);

        state = Apply(state, m => m.ConnectionLeft(Expert.ConnectionId, lobbyToo: false));

        Assert.Equal(["owl"], state.RaisedHands);
    }

    [Fact]
    public void Attendance_counts_each_stay_and_ending_closes_them_all()
    {
        var state = new RoomSessionMachine(Started(), Start).Apply(m => m.Join(Teacher));
        state = new RoomSessionMachine(state, Start.AddMinutes(5)).Apply(m => m.Join(Expert));
        state = new RoomSessionMachine(state, Start.AddMinutes(20)).Apply(m => m.ConnectionLeft(Expert.ConnectionId, false));
        state = new RoomSessionMachine(state, Start.AddMinutes(30)).Apply(m => m.Join(Expert with { ConnectionId = "again" }));
        var ending = new RoomSessionMachine(state, Start.AddMinutes(45));
        ending.End(Teacher);

        Assert.Equal(RoomSessionPhase.Ended, ending.Phase);
        var end = Start.AddMinutes(45);
        Assert.Equal([45, 15, 15], ending.State.Attendance.Select(a => a.MinutesUntil(end)));
        Assert.All(ending.State.Attendance, a => Assert.NotNull(a.LeftAt));
        Assert.Equal("not_found", Refusal(ending.State, m => m.Join(Teacher)));
    }

    [Fact]
    public void Signals_go_only_between_participants_from_the_connection_they_joined_with()
    {
        var state = Apply(Started(), m => m.Join(Teacher), m => m.Join(Pupil), m => m.Join(Expert));
        var machine = new RoomSessionMachine(state, Start);

        Assert.Equal("c-elk", machine.SignallingTarget(Teacher, Expert.AccountId).ConnectionId);
        Assert.Equal("forbidden", Refusal(state, m => m.SignallingTarget(Teacher, Pupil.AccountId)));
        Assert.Equal("forbidden", Refusal(state, m => m.SignallingTarget(Pupil, Teacher.AccountId)));
        Assert.Equal("forbidden", Refusal(state, m => m.SignallingTarget(Teacher, Teacher.AccountId)));
        Assert.Equal("forbidden", Refusal(state, m => m.SignallingTarget(Teacher with { ConnectionId = "other" }, Expert.AccountId)));
    }

    private static RoomSessionState Started(int capacity = 25) => RoomSessionMachine.Start("s1", new Room
    {
        Id = "r1", TwinSpaceId = "t1", Title = "Club", Capacity = capacity, ChatChannelId = "rmr1", MaterialCollectionId = "f1",
        CreatedBy = Teacher.AccountId, CreatedAt = Start,
    }, Teacher.AccountId, Start) with { Version = 1 };

    private static RoomSessionState Apply(RoomSessionState state, params Action<RoomSessionMachine>[] commands)
    {
        foreach (var command in commands) state = new RoomSessionMachine(state, Start).Apply(command);
        return state;
    }

    private static string Refusal(RoomSessionState state, Action<RoomSessionMachine> command) =>
        Assert.Throws<CollabException>(() => command(new RoomSessionMachine(state, Start))).Code;
}

internal static class RoomSessionMachineExtensions
{
    public static RoomSessionState Apply(this RoomSessionMachine machine, Action<RoomSessionMachine> command)
    {
        command(machine);
        return machine.State;
    }
}
