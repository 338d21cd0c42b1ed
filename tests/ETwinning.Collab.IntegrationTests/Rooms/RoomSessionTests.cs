using System.Net.Http.Headers;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.IntegrationTests.ScaleOut;

namespace ETwinning.Collab.IntegrationTests.Rooms;

/// <summary>
/// Rooms and live sessions with the real SignalR client on two nodes over one Redis: the teacher on node A, the pupil
/// on node B, so every rule below holds across nodes (the session state is shared in Redis, events cross the backplane).
/// </summary>
public sealed class RoomSessionTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    [Fact]
    public async Task A_room_has_its_own_chat_forum_and_folder_and_only_members_and_teachers_see_it()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);
        var outsider = (await scenario.TeacherHub.CreatePupilsAsync(scenario.Id, "Owl")).Single();
        await using var outsiderHub = await cluster.NodeB.ConnectAsync(await cluster.NodeB.PupilLoginAsync(scenario.TwinSpace.TwinSpace, outsider));
        var (_, partner) = await scenario.TwinSpace.AddTeacherAsync();

        await scenario.PupilHub.OpenChatChannelAsync(scenario.Id, scenario.Room.ChatChannelId);
        var sent = await scenario.PupilHub.SendChatMessageAsync(scenario.Id, scenario.Room.ChatChannelId, "m1", "Hello room");
        var discussion = await scenario.TeacherHub.CreateForumDiscussionAsync(scenario.Id, "Planets", roomId: scenario.RoomId);

        Assert.Equal(1, sent.Message.Sequence);
        Assert.Contains((await scenario.PupilHub.ListForumDiscussionsAsync(scenario.Id, scenario.RoomId)), d => d.Id == discussion.Id);
        Assert.Contains((await scenario.PupilHub.ListMaterialsAsync(scenario.Id)).Collections, c => c.Id == scenario.Room.MaterialCollectionId);
        Assert.Equal([scenario.RoomId], (await scenario.PupilHub.ListRoomsAsync(scenario.Id)).Select(r => r.Id));
        Assert.Equal([scenario.RoomId], (await partner.ListRoomsAsync(scenario.Id)).Select(r => r.Id));
        Assert.Empty(await outsiderHub.ListRoomsAsync(scenario.Id));
        Assert.Equal("not_found", (await Assert.ThrowsAsync<CollabHubException>(() => outsiderHub.OpenRoomAsync(scenario.Id, scenario.RoomId))).Code);
        Assert.Equal("not_found", (await Assert.ThrowsAsync<CollabHubException>(() =>
            outsiderHub.OpenChatChannelAsync(scenario.Id, scenario.Room.ChatChannelId))).Code);

        // A member added later can write in the room's chat: the channel follows the room.
        await scenario.TeacherHub.AddRoomMembersAsync(scenario.Id, scenario.RoomId, outsider.AccountId);
        await outsiderHub.OpenChatChannelAsync(scenario.Id, scenario.Room.ChatChannelId);
        Assert.Equal(2, (await outsiderHub.SendChatMessageAsync(scenario.Id, scenario.Room.ChatChannelId, "m2", "Me too")).Message.Sequence);
    }

    [Fact]
    public async Task Pupils_are_members_only_while_a_teacher_is_and_only_teachers_create_or_change_rooms()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);

        var lastTeacher = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.TeacherHub.RemoveRoomMemberAsync(scenario.Id, scenario.RoomId, scenario.TeacherId));
        var pupilCreates = await Assert.ThrowsAsync<CollabHubException>(() => scenario.PupilHub.CreateRoomAsync(scenario.Id, "Mine"));
        var pupilChanges = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.PupilHub.UpdateRoomAsync(scenario.Id, scenario.RoomId, "Renamed", null, 10));
        var tooBig = await Assert.ThrowsAsync<CollabHubException>(() => scenario.TeacherHub.CreateRoomAsync(scenario.Id, "Huge", capacity: 100_000));

        Assert.Equal(("conflict", "forbidden", "forbidden", "invalid"), (lastTeacher.Code, pupilCreates.Code, pupilChanges.Code, tooBig.Code));
        var room = Assert.Single(await scenario.TeacherHub.ListRoomsAsync(scenario.Id));
        Assert.Equal(("Astronomy club", 25, 2), (room.Title, room.Capacity, room.Members.Count));
        var withoutPupil = await scenario.TeacherHub.RemoveRoomMemberAsync(scenario.Id, scenario.RoomId, scenario.Pupil.AccountId);
        Assert.Equal([scenario.TeacherId], withoutPupil.Members.Select(m => m.AccountId));
    }

    [Fact]
    public async Task A_pupil_waits_for_a_teacher_is_admitted_and_both_exchange_signals_across_nodes()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);
        await scenario.PupilHub.OpenRoomAsync(scenario.Id, scenario.RoomId);
        await scenario.TeacherHub.StartRoomSessionAsync(scenario.Id, scenario.RoomId);

        var waiting = await scenario.PupilHub.JoinRoomSessionAsync(scenario.Id, scenario.RoomId);
        Assert.False(waiting.Admitted);
        Assert.True(waiting.WaitingForTeacher);

        Assert.True((await scenario.TeacherHub.JoinRoomSessionAsync(scenario.Id, scenario.RoomId)).Admitted);
        await scenario.PupilEvents.Statuses.WaitForAsync(s => s.Phase == RoomSessionPhase.Live);
        await scenario.TeacherHub.AdmitToRoomSessionAsync(scenario.Id, scenario.RoomId, scenario.Pupil.AccountId);
        await scenario.PupilEvents.Notices.WaitForAsync(n => n.Notice == RoomSessionNotice.Admitted);
        var joined = await scenario.PupilHub.JoinRoomSessionAsync(scenario.Id, scenario.RoomId);

        Assert.True(joined.Admitted);
        Assert.Equal(2, joined.Session!.Participants.Count);
        var seen = await scenario.TeacherEvents.Changes.WaitForAsync(c => c.Session.Participants.Any(p => p.AccountId == scenario.Pupil.AccountId));
        Assert.Empty(seen.Session.Lobby);

        await scenario.PupilHub.SendRtcSignalAsync(scenario.Id, scenario.RoomId, scenario.TeacherId, RtcSignalKind.Offer, "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n");
        var offer = await scenario.TeacherEvents.Signals.WaitForAsync(s => s.Kind == RtcSignalKind.Offer);
        await scenario.TeacherHub.SendRtcSignalAsync(scenario.Id, scenario.RoomId, scenario.Pupil.AccountId, RtcSignalKind.Answer, "v=0\r\n");
        await scenario.PupilEvents.Signals.WaitForAsync(s => s.Kind == RtcSignalKind.Answer && s.FromAccountId == scenario.TeacherId);
        Assert.Equal(scenario.Pupil.AccountId, offer.FromAccountId);
    }

    [Fact]
    public async Task Hands_go_up_in_order_and_teachers_lower_them_and_moderate_media()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);
        await scenario.StartWithPupilInsideAsync();

        await scenario.PupilHub.RaiseHandAsync(scenario.Id, scenario.RoomId);
        await scenario.TeacherEvents.Changes.WaitForAsync(c => c.Session.RaisedHands.SequenceEqual([scenario.Pupil.AccountId]));
        await scenario.PupilHub.SetRoomMediaStateAsync(scenario.Id, scenario.RoomId, audioOn: true, videoOn: true, screenOn: false);
        await scenario.TeacherHub.ModerateRoomParticipantAsync(scenario.Id, scenario.RoomId, scenario.Pupil.AccountId, RoomModeration.Mute);
        await scenario.TeacherHub.ModerateRoomParticipantAsync(scenario.Id, scenario.RoomId, scenario.Pupil.AccountId, RoomModeration.AskToUnmute);
        await scenario.TeacherHub.LowerHandAsync(scenario.Id, scenario.RoomId, scenario.Pupil.AccountId);

        await scenario.PupilEvents.Notices.WaitForAsync(n => n.Notice == RoomSessionNotice.Muted);
        await scenario.PupilEvents.Notices.WaitForAsync(n => n.Notice == RoomSessionNotice.AskedToUnmute);
        // Lowered by the teacher after the mute: the last state has no hands, the microphone off and the camera still on.
        await scenario.PupilEvents.Changes.WaitForAsync(c => c.Session.RaisedHands.Count == 0
            && c.Session.Participants.FirstOrDefault(p => p.AccountId == scenario.Pupil.AccountId) is { AudioOn: false, VideoOn: true });
    }

    [Fact]
    public async Task Only_teachers_share_screens_unless_a_teacher_allows_it()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);
        await scenario.StartWithPupilInsideAsync();

        var refused = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.PupilHub.SetRoomMediaStateAsync(scenario.Id, scenario.RoomId, false, false, screenOn: true));
        await scenario.TeacherHub.SetRoomMediaStateAsync(scenario.Id, scenario.RoomId, false, false, screenOn: true);
        await scenario.TeacherHub.ModerateRoomParticipantAsync(scenario.Id, scenario.RoomId, scenario.Pupil.AccountId, RoomModeration.AllowScreenShare);
        await scenario.PupilHub.SetRoomMediaStateAsync(scenario.Id, scenario.RoomId, false, false, screenOn: true);
        var sharing = await scenario.TeacherEvents.Changes.WaitForAsync(c =>
            c.Session.Participants.FirstOrDefault(p => p.AccountId == scenario.Pupil.AccountId) is { ScreenOn: true });
        await scenario.TeacherHub.ModerateRoomParticipantAsync(scenario.Id, scenario.RoomId, scenario.Pupil.AccountId, RoomModeration.DisallowScreenShare);

        Assert.Equal("forbidden", refused.Code);
        await scenario.PupilEvents.Notices.WaitForAsync(n => n.Notice == RoomSessionNotice.ScreenShareStopped);
        // The last change: the pupil's share stopped and sharing taken away, the teacher's share untouched.
        await scenario.TeacherEvents.Changes.WaitForAsync(c =>
            c.Session.Participants.FirstOrDefault(p => p.AccountId == scenario.Pupil.AccountId) is { CanShareScreen: false, ScreenOn: false }
            && c.Session.Participants.Single(p => p.AccountId == scenario.TeacherId).ScreenOn
            && c.Session.Version > sharing.Session.Version);
    }

    [Fact]
    public async Task A_pupil_cannot_moderate_start_or_end_and_nothing_changes()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);
        await scenario.StartWithPupilInsideAsync();
        var before = (await scenario.PupilHub.OpenRoomAsync(scenario.Id, scenario.RoomId)).Session!;

        Func<Task>[] attempts =
        [
            () => scenario.PupilHub.AdmitToRoomSessionAsync(scenario.Id, scenario.RoomId, scenario.TeacherId),
            () => scenario.PupilHub.ModerateRoomParticipantAsync(scenario.Id, scenario.RoomId, scenario.TeacherId, RoomModeration.Remove),
            () => scenario.PupilHub.ModerateRoomParticipantAsync(scenario.Id, scenario.RoomId, scenario.TeacherId, RoomModeration.Mute),
            () => scenario.PupilHub.LockRoomSessionAsync(scenario.Id, scenario.RoomId, true),
            () => scenario.PupilHub.EndRoomSessionAsync(scenario.Id, scenario.RoomId),
            () => scenario.PupilHub.StartRoomSessionAsync(scenario.Id, scenario.RoomId),
            () => scenario.PupilHub.SetRoomSessionTimerAsync(scenario.Id, scenario.RoomId, 10),
            () => scenario.PupilHub.LowerHandAsync(scenario.Id, scenario.RoomId, scenario.TeacherId),
        ];
        foreach (var attempt in attempts)
            Assert.Equal("forbidden", (await Assert.ThrowsAsync<CollabHubException>(attempt)).Code);

        var after = (await scenario.PupilHub.OpenRoomAsync(scenario.Id, scenario.RoomId)).Session!;
        Assert.Equal(before.Version, after.Version);
        Assert.Contains(cluster.NodeB.Logs.Lines, line => line.Contains("ModerateRoomParticipant", StringComparison.Ordinal) && line.Contains("forbidden", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_signals_are_refused_with_stable_codes_and_reach_nobody()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);
        var outsider = (await scenario.TeacherHub.CreatePupilsAsync(scenario.Id, "Owl")).Single();
        await scenario.TeacherHub.StartRoomSessionAsync(scenario.Id, scenario.RoomId);
        await scenario.TeacherHub.JoinRoomSessionAsync(scenario.Id, scenario.RoomId);
        await scenario.PupilHub.JoinRoomSessionAsync(scenario.Id, scenario.RoomId);

        // In the lobby only: not a participant yet.
        var fromLobby = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.PupilHub.SendRtcSignalAsync(scenario.Id, scenario.RoomId, scenario.TeacherId, RtcSignalKind.Offer, "v=0"));
        var toOutsider = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.TeacherHub.SendRtcSignalAsync(scenario.Id, scenario.RoomId, outsider.AccountId, RtcSignalKind.Offer, "v=0"));
        var toLobby = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.TeacherHub.SendRtcSignalAsync(scenario.Id, scenario.RoomId, scenario.Pupil.AccountId, RtcSignalKind.Offer, "v=0"));
        var oversized = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.TeacherHub.SendRtcSignalAsync(scenario.Id, scenario.RoomId, scenario.Pupil.AccountId, RtcSignalKind.Offer, new string('a', 40_000)));
        var bigCandidate = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.TeacherHub.SendRtcSignalAsync(scenario.Id, scenario.RoomId, scenario.Pupil.AccountId, RtcSignalKind.Candidate, new string('a', 3_000)));
        var empty = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.TeacherHub.SendRtcSignalAsync(scenario.Id, scenario.RoomId, scenario.Pupil.AccountId, RtcSignalKind.Candidate, ""));

        Assert.Equal(["forbidden", "forbidden", "forbidden", "too_large", "too_large", "invalid"],
            new[] { fromLobby, toOutsider, toLobby, oversized, bigCandidate, empty }.Select(e => e.Code));
        // Admitted now, a good signal gets through; the refused ones never arrived before it.
        await scenario.TeacherHub.AdmitToRoomSessionAsync(scenario.Id, scenario.RoomId, scenario.Pupil.AccountId);
        await scenario.PupilHub.JoinRoomSessionAsync(scenario.Id, scenario.RoomId);
        await scenario.TeacherHub.SendRtcSignalAsync(scenario.Id, scenario.RoomId, scenario.Pupil.AccountId, RtcSignalKind.Candidate, "{\"candidate\":\"\"}");
        await scenario.PupilEvents.Signals.WaitForAsync(s => s.Kind == RtcSignalKind.Candidate);
        Assert.Single(scenario.PupilEvents.Signals.Seen);
        Assert.Empty(scenario.TeacherEvents.Signals.Seen);
    }

    [Fact]
    public async Task A_removed_pupil_cannot_come_back_even_on_a_new_connection()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);
        await scenario.StartWithPupilInsideAsync();

        await scenario.TeacherHub.ModerateRoomParticipantAsync(scenario.Id, scenario.RoomId, scenario.Pupil.AccountId, RoomModeration.Remove);
        await scenario.PupilEvents.Notices.WaitForAsync(n => n.Notice == RoomSessionNotice.Removed);
        await Eventually.AssertAsync(() => Assert.False(cluster.NodeB.Services.GetConnections()
            .Holds(scenario.PupilHub.Hub.ConnectionId!, Server.Infrastructure.Connections.ConnectionScope.RoomSession(scenario.Id, scenario.RoomId))));

        await using var again = await cluster.NodeA.ConnectAsync(await cluster.NodeA.PupilLoginAsync(scenario.TwinSpace.TwinSpace, scenario.Pupil));
        var refused = await Assert.ThrowsAsync<CollabHubException>(() => again.JoinRoomSessionAsync(scenario.Id, scenario.RoomId));
        var refusedSignal = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.PupilHub.SendRtcSignalAsync(scenario.Id, scenario.RoomId, scenario.TeacherId, RtcSignalKind.Offer, "v=0"));

        Assert.Equal(("forbidden", "forbidden"), (refused.Code, refusedSignal.Code));
        Assert.DoesNotContain((await scenario.TeacherHub.OpenRoomAsync(scenario.Id, scenario.RoomId)).Session!.Participants,
            p => p.AccountId == scenario.Pupil.AccountId);
    }

    [Fact]
    public async Task Locked_and_ended_sessions_take_nobody_new()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);
        await scenario.TeacherHub.StartRoomSessionAsync(scenario.Id, scenario.RoomId);
        await scenario.TeacherHub.JoinRoomSessionAsync(scenario.Id, scenario.RoomId);

        await scenario.TeacherHub.LockRoomSessionAsync(scenario.Id, scenario.RoomId, true);
        var locked = await Assert.ThrowsAsync<CollabHubException>(() => scenario.PupilHub.JoinRoomSessionAsync(scenario.Id, scenario.RoomId));
        await scenario.TeacherHub.EndRoomSessionAsync(scenario.Id, scenario.RoomId);
        var ended = await Assert.ThrowsAsync<CollabHubException>(() => scenario.PupilHub.JoinRoomSessionAsync(scenario.Id, scenario.RoomId));
        var twice = await Assert.ThrowsAsync<CollabHubException>(() => scenario.TeacherHub.EndRoomSessionAsync(scenario.Id, scenario.RoomId));

        Assert.Equal(("forbidden", "not_found", "not_found"), (locked.Code, ended.Code, twice.Code));
        Assert.Null((await scenario.TeacherHub.OpenRoomAsync(scenario.Id, scenario.RoomId)).Session);
    }

    [Fact]
    public async Task A_closed_connection_leaves_the_session_on_the_other_node_and_attendance_is_exported()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);
        await scenario.StartWithPupilInsideAsync();
        var both = (await scenario.TeacherHub.OpenRoomAsync(scenario.Id, scenario.RoomId)).Session!;

        await scenario.PupilHub.DisposeAsync();
        await scenario.TeacherEvents.Changes.WaitForAsync(c => c.Session.Version > both.Version && c.Session.Participants.Count == 1);
        var sessionId = both.SessionId;
        var running = Assert.Single(await scenario.TeacherHub.GetRoomAttendanceAsync(scenario.Id, scenario.RoomId));
        await scenario.TeacherHub.EndRoomSessionAsync(scenario.Id, scenario.RoomId);

        Assert.Null(running.EndedAt);
        Assert.NotNull(running.Attendance.Single(a => a.AccountId == scenario.Pupil.AccountId).LeftAt);
        var ended = Assert.Single(await scenario.TeacherHub.GetRoomAttendanceAsync(scenario.Id, scenario.RoomId));
        Assert.Equal(sessionId, ended.SessionId);
        Assert.All(ended.Attendance, a => Assert.NotNull(a.LeftAt));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/twinspaces/{scenario.Id}/rooms/{scenario.RoomId}/sessions/{sessionId}/attendance.csv");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", scenario.TwinSpace.Founder.AccessToken);
        using var response = await cluster.NodeB.Http.SendAsync(request);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("session_id,account_id,display_name,joined_at_utc,left_at_utc,minutes", lines[0]);
        Assert.Contains(lines, line => line.Contains(scenario.Pupil.AccountId, StringComparison.Ordinal) && line.Contains("Fox", StringComparison.Ordinal));
        Assert.Equal(3, lines.Length);

        var pupilTokens = await cluster.NodeB.PupilLoginAsync(scenario.TwinSpace.TwinSpace, scenario.Pupil);
        using var pupilRequest = new HttpRequestMessage(HttpMethod.Get, request.RequestUri);
        pupilRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", pupilTokens.AccessToken);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await cluster.NodeB.Http.SendAsync(pupilRequest)).StatusCode);
    }

    [Fact]
    public async Task Two_nodes_changing_one_session_at_once_lose_no_change()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);
        await scenario.TeacherHub.StartRoomSessionAsync(scenario.Id, scenario.RoomId);
        var guests = new List<TwinSpaceConnection>();
        for (var i = 0; i < 6; i++)
        {
            var (tokens, hub) = await scenario.TwinSpace.AddTeacherAsync();
            await scenario.TeacherHub.AddRoomMembersAsync(scenario.Id, scenario.RoomId, tokens.Account.Id);
            var node = i % 2 == 0 ? cluster.NodeA : cluster.NodeB;
            guests.Add(await node.ConnectAsync(tokens));
            await hub.DisposeAsync();
        }

        var joins = await Task.WhenAll(guests.Select(g => g.JoinRoomSessionAsync(scenario.Id, scenario.RoomId)));

        Assert.All(joins, j => Assert.True(j.Admitted));
        Assert.Equal(6, (await scenario.TeacherHub.OpenRoomAsync(scenario.Id, scenario.RoomId)).Session!.Participants.Count);
        foreach (var guest in guests) await guest.DisposeAsync();
    }
}
