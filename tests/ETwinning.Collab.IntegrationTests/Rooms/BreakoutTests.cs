using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.IntegrationTests.ScaleOut;

namespace ETwinning.Collab.IntegrationTests.Rooms;

/// <summary>
/// Breakout groups with the real SignalR client on two nodes over Redis: the teacher on node A splits the session, the
/// pupils on node B talk only within their group until the teacher calls everyone back.
/// </summary>
public sealed class BreakoutTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    private const string Sdp = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n";

    [Fact]
    public async Task A_teacher_splits_the_session_messages_every_group_and_calls_everyone_back()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);
        await using var owl = await SecondPupilAsync(scenario);
        var fox = scenario.Pupil.AccountId;

        var breakouts = await scenario.TeacherHub.OpenBreakoutsAsync(scenario.Id, scenario.RoomId,
            groups: [new BreakoutGroupRequest("Planets", [fox]), new BreakoutGroupRequest(null, [owl.Id])], minutes: 10);

        Assert.Equal(["Planets", "Group 2"], breakouts.Groups.Select(g => g.Name));
        Assert.NotNull(breakouts.EndsAt);
        var split = await owl.Events.Changes.WaitForAsync(c => c.Session.Breakouts?.Id == breakouts.Id);
        // Signals stay within a group: not to another group, not from the main session into a group.
        Assert.Equal("forbidden", await Refused(() => scenario.PupilHub.SendRtcSignalAsync(scenario.Id, scenario.RoomId, owl.Id, RtcSignalKind.Offer, Sdp)));
        Assert.Equal("forbidden", await Refused(() => scenario.TeacherHub.SendRtcSignalAsync(scenario.Id, scenario.RoomId, fox, RtcSignalKind.Offer, Sdp)));
        await scenario.TeacherHub.VisitBreakoutAsync(scenario.Id, scenario.RoomId, breakouts.Groups[0].Id);
        await scenario.TeacherHub.SendRtcSignalAsync(scenario.Id, scenario.RoomId, fox, RtcSignalKind.Offer, Sdp);
        await scenario.PupilEvents.Signals.WaitForAsync(s => s.FromAccountId == scenario.TeacherId);

        await scenario.TeacherHub.SendBreakoutMessageAsync(scenario.Id, scenario.RoomId, "Two minutes left");
        Assert.Equal("rate_limited", await Refused(() => scenario.TeacherHub.SendBreakoutMessageAsync(scenario.Id, scenario.RoomId, "Again")));
        await owl.Events.Messages.WaitForAsync(m => m.Text == "Two minutes left" && m.FromAccountId == scenario.TeacherId);
        await scenario.PupilEvents.Messages.WaitForAsync(m => m.Text == "Two minutes left");

        await scenario.TeacherHub.CloseBreakoutsAsync(scenario.Id, scenario.RoomId);
        await owl.Events.Changes.WaitForAsync(c => c.Session.Breakouts is null && c.Session.Version > split.Session.Version);
        await scenario.PupilHub.SendRtcSignalAsync(scenario.Id, scenario.RoomId, owl.Id, RtcSignalKind.Offer, Sdp);
        await owl.Events.Signals.WaitForAsync(s => s.FromAccountId == fox);
        Assert.DoesNotContain(owl.Events.Messages.Seen, m => m.Text == "Again");
    }

    [Fact]
    public async Task Random_groups_spread_the_pupils_and_leave_teachers_in_the_main_session()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);
        await using var owl = await SecondPupilAsync(scenario);

        var breakouts = await scenario.TeacherHub.OpenBreakoutsAsync(scenario.Id, scenario.RoomId, groupCount: 2);

        Assert.Equal(2, breakouts.Groups.Count);
        Assert.All(breakouts.Groups, g => Assert.Single(g.AccountIds));
        Assert.Equal(
            new[] { scenario.Pupil.AccountId, owl.Id }.Order(),
            breakouts.Groups.SelectMany(g => g.AccountIds).Order());
        Assert.Null(breakouts.EndsAt);
    }

    [Fact]
    public async Task Bad_breakout_requests_are_refused_with_stable_codes_and_change_nothing()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);
        await using var owl = await SecondPupilAsync(scenario);
        var fox = scenario.Pupil.AccountId;
        var (id, room, teacher) = (scenario.Id, scenario.RoomId, scenario.TeacherHub);

        var refusals = new Dictionary<string, string>
        {
            ["pupil opens"] = await Refused(() => scenario.PupilHub.OpenBreakoutsAsync(id, room, groupCount: 2)),
            ["both kinds"] = await Refused(() => teacher.OpenBreakoutsAsync(id, room, groupCount: 2, groups: [new(null, [fox])])),
            ["neither kind"] = await Refused(() => teacher.OpenBreakoutsAsync(id, room)),
            ["more groups than pupils"] = await Refused(() => teacher.OpenBreakoutsAsync(id, room, groupCount: 3)),
            ["too many groups"] = await Refused(() => teacher.OpenBreakoutsAsync(id, room, groupCount: 1_000)),
            ["not a participant"] = await Refused(() => teacher.OpenBreakoutsAsync(id, room, groups: [new(null, ["0123456789abcdef0123456789abcdef"])])),
            ["twice in groups"] = await Refused(() => teacher.OpenBreakoutsAsync(id, room, groups: [new(null, [fox]), new(null, [fox])])),
            ["empty group"] = await Refused(() => teacher.OpenBreakoutsAsync(id, room, groups: [new(null, [])])),
            ["zero minutes"] = await Refused(() => teacher.OpenBreakoutsAsync(id, room, groupCount: 2, minutes: 0)),
            ["call back when none"] = await Refused(() => teacher.CloseBreakoutsAsync(id, room)),
            ["message when none"] = await Refused(() => teacher.SendBreakoutMessageAsync(id, room, "Hello")),
        };
        await teacher.OpenBreakoutsAsync(id, room, groupCount: 2);
        refusals["open twice"] = await Refused(() => teacher.OpenBreakoutsAsync(id, room, groupCount: 2));
        refusals["pupil calls back"] = await Refused(() => scenario.PupilHub.CloseBreakoutsAsync(id, room));
        refusals["pupil messages"] = await Refused(() => scenario.PupilHub.SendBreakoutMessageAsync(id, room, "Hi all"));
        refusals["empty message"] = await Refused(() => teacher.SendBreakoutMessageAsync(id, room, ""));
        refusals["long message"] = await Refused(() => teacher.SendBreakoutMessageAsync(id, room, new string('a', 501)));
        refusals["unknown group"] = await Refused(() => teacher.VisitBreakoutAsync(id, room, "nosuchgroup"));

        Assert.Equal(new Dictionary<string, string>
        {
            ["pupil opens"] = "forbidden", ["both kinds"] = "invalid", ["neither kind"] = "invalid", ["more groups than pupils"] = "invalid",
            ["too many groups"] = "invalid", ["not a participant"] = "not_found", ["twice in groups"] = "invalid", ["empty group"] = "invalid",
            ["zero minutes"] = "invalid", ["call back when none"] = "not_found", ["message when none"] = "not_found", ["open twice"] = "conflict",
            ["pupil calls back"] = "forbidden", ["pupil messages"] = "forbidden", ["empty message"] = "invalid", ["long message"] = "invalid",
            ["unknown group"] = "not_found",
        }, refusals);
        var session = (await teacher.OpenRoomAsync(id, room)).Session!;
        Assert.Equal(2, session.Breakouts!.Groups.Count);
        Assert.Empty(owl.Events.Messages.Seen);
    }

    private static async Task<string> Refused(Func<Task> call) => (await Assert.ThrowsAsync<CollabHubException>(call)).Code;

    /// <summary>A second pupil of the room, on node B, admitted to the session next to the first one.</summary>
    private async Task<Participant> SecondPupilAsync(RoomSessionScenario scenario)
    {
        await scenario.StartWithPupilInsideAsync();
        var credentials = (await scenario.TeacherHub.CreatePupilsAsync(scenario.Id, "Owl")).Single();
        await scenario.TeacherHub.AddRoomMembersAsync(scenario.Id, scenario.RoomId, credentials.AccountId);
        var hub = await cluster.NodeB.ConnectAsync(await cluster.NodeB.PupilLoginAsync(scenario.TwinSpace.TwinSpace, credentials));
        var owl = new Participant(credentials.AccountId, hub);
        RoomSessionScenario.Watch(hub, owl.Events);
        Assert.False((await hub.JoinRoomSessionAsync(scenario.Id, scenario.RoomId)).Admitted);
        await scenario.TeacherEvents.Changes.WaitForAsync(c => c.Session.Lobby.Any(l => l.AccountId == owl.Id));
        await scenario.TeacherHub.AdmitToRoomSessionAsync(scenario.Id, scenario.RoomId, owl.Id);
        await owl.Events.Notices.WaitForAsync(n => n.Notice == RoomSessionNotice.Admitted);
        Assert.True((await hub.JoinRoomSessionAsync(scenario.Id, scenario.RoomId)).Admitted);
        await scenario.TeacherEvents.Changes.WaitForAsync(c => c.Session.Participants.Count == 3);
        return owl;
    }

    private sealed record Participant(string Id, TwinSpaceConnection Hub) : IAsyncDisposable
    {
        public RoomEvents Events { get; } = new();

        public ValueTask DisposeAsync() => Hub.DisposeAsync();
    }
}
