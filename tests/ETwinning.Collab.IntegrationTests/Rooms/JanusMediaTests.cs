using System.Text.Json;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Features.Rooms.Media;

namespace ETwinning.Collab.IntegrationTests.Rooms;

/// <summary>
/// Sessions of rooms seating more than four go through a real Janus, driven by the server; the teacher is on one node,
/// the pupil on the other. Without a WebRTC stack here, media never flows (the browser test does that): these tests
/// check what the server and Janus agree on.
/// </summary>
public sealed class JanusMediaTests(JanusCluster cluster) : IClassFixture<JanusCluster>
{
    // A browser's offer to send one VP8 video track; Janus answers it without ever receiving media (live events' media tests use it too).
    internal const string Offer =
        "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\na=msid-semantic: WMS stream\r\n" +
        "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\na=ice-ufrag:testufrag\r\na=ice-pwd:testicepasswordtestpassword\r\n" +
        "a=ice-options:trickle\r\na=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08\r\n" +
        "a=setup:actpass\r\na=mid:0\r\na=sendonly\r\na=msid:stream track\r\na=rtcp-mux\r\na=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\n" +
        "a=ssrc:1001 cname:test\r\n";

    // The VideoRoom's error codes (janus_videoroom.c).
    private const int MissingElement = 429;
    private const int Unauthorized = 433;

    private readonly JanusSecrets _secrets = new(JanusServer.RoomKey);

    [Fact]
    public async Task A_session_of_a_room_seating_more_than_four_gets_a_private_Janus_room_and_a_small_one_stays_a_mesh()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);
        await scenario.StartWithPupilInsideAsync();
        var sessionId = (await scenario.TeacherHub.OpenRoomAsync(scenario.Id, scenario.RoomId)).Session!.SessionId;

        Assert.Equal(RoomMediaMode.Sfu, (await scenario.TeacherHub.GetRoomMediaAsync(scenario.Id, scenario.RoomId)).Mode);
        Assert.Equal(RoomMediaMode.Sfu, (await scenario.PupilHub.GetRoomMediaAsync(scenario.Id, scenario.RoomId)).Mode);
        var room = Assert.Single(await cluster.Janus.RoomsAsync(), r => r.GetProperty("room").GetUInt64() == _secrets.RoomId(sessionId));
        Assert.True(room.GetProperty("pin_required").GetBoolean());
        Assert.True(room.GetProperty("is_private").GetBoolean());

        var small = await scenario.TeacherHub.CreateRoomAsync(scenario.Id, "Four seats", capacity: 4);
        var smallSession = await scenario.TeacherHub.StartRoomSessionAsync(scenario.Id, small.Id);
        Assert.True((await scenario.TeacherHub.JoinRoomSessionAsync(scenario.Id, small.Id)).Admitted);
        Assert.Equal(RoomMediaMode.Mesh, (await scenario.TeacherHub.GetRoomMediaAsync(scenario.Id, small.Id)).Mode);
        Assert.DoesNotContain(await cluster.Janus.RoomsAsync(), r => r.GetProperty("room").GetUInt64() == _secrets.RoomId(smallSession.SessionId));
        var refused = await Assert.ThrowsAsync<CollabHubException>(() => scenario.TeacherHub.PublishRoomMediaAsync(scenario.Id, small.Id, Offer));
        Assert.Equal("invalid", refused.Code);
    }

    [Fact]
    public async Task Participants_on_both_nodes_publish_through_the_hub_and_Janus_answers_them()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);
        await scenario.StartWithPupilInsideAsync();
        var sessionId = (await scenario.TeacherHub.OpenRoomAsync(scenario.Id, scenario.RoomId)).Session!.SessionId;

        var teacherAnswer = await scenario.TeacherHub.PublishRoomMediaAsync(scenario.Id, scenario.RoomId, Offer);
        var pupilAnswer = await scenario.PupilHub.PublishRoomMediaAsync(scenario.Id, scenario.RoomId, Offer);

        foreach (var answer in new[] { teacherAnswer, pupilAnswer })
        {
            Assert.Contains("m=video", answer, StringComparison.Ordinal);
            Assert.Contains("a=recvonly", answer, StringComparison.Ordinal);
            Assert.Contains("a=candidate:", answer, StringComparison.Ordinal);
        }
        await scenario.TeacherHub.SendRoomMediaSignalAsync(scenario.Id, scenario.RoomId, scenario.TeacherId, RtcSignalKind.Candidate,
            """{"candidate":"candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host","sdpMid":"0","sdpMLineIndex":0}""");
        await scenario.TeacherHub.SendRoomMediaSignalAsync(scenario.Id, scenario.RoomId, scenario.TeacherId, RtcSignalKind.Candidate, """{"candidate":""}""");
        Assert.Equal(2, Room(await cluster.Janus.RoomsAsync(), sessionId).GetProperty("num_participants").GetInt32());

        // No media reached Janus (no WebRTC stack here), so there is no feed to subscribe to yet.
        var notYet = await Assert.ThrowsAsync<CollabHubException>(() => scenario.PupilHub.SubscribeRoomMediaAsync(scenario.Id, scenario.RoomId, scenario.TeacherId));
        Assert.Equal("not_found", notYet.Code);

        await scenario.PupilHub.LeaveRoomSessionAsync(scenario.Id, scenario.RoomId);
        await Eventually.ResultAsync(async () =>
        {
            Assert.Equal(1, Room(await cluster.Janus.RoomsAsync(), sessionId).GetProperty("num_participants").GetInt32());
            return true;
        });
    }

    [Fact]
    public async Task Janus_lets_nobody_in_without_our_admission()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);
        await scenario.TeacherHub.StartRoomSessionAsync(scenario.Id, scenario.RoomId);
        Assert.True((await scenario.TeacherHub.JoinRoomSessionAsync(scenario.Id, scenario.RoomId)).Admitted);
        var sessionId = (await scenario.TeacherHub.OpenRoomAsync(scenario.Id, scenario.RoomId)).Session!.SessionId;
        var roomId = _secrets.RoomId(sessionId);

        // Janus's API itself: no signed token, no session.
        var noToken = await cluster.Janus.PostAsync("", new() { ["janus"] = "create" });
        Assert.Equal(403, noToken.GetProperty("error").GetProperty("code").GetInt32());

        // Past that gate, the room still wants its pin, and then a token we put on its allowed list.
        var handle = await cluster.Janus.AttachAsync();
        var noPin = await cluster.Janus.VideoRoomAsync(handle, new() { ["request"] = "join", ["ptype"] = "publisher", ["room"] = roomId });
        Assert.Equal(MissingElement, noPin.GetProperty("error_code").GetInt32());
        var wrongPin = await cluster.Janus.VideoRoomAsync(handle, new() { ["request"] = "join", ["ptype"] = "publisher", ["room"] = roomId, ["pin"] = "1234" });
        Assert.Equal(Unauthorized, wrongPin.GetProperty("error_code").GetInt32());
        var notAllowed = await cluster.Janus.VideoRoomAsync(handle, new()
        {
            ["request"] = "join", ["ptype"] = "publisher", ["room"] = roomId, ["pin"] = _secrets.RoomPin(sessionId), ["token"] = "made-up",
        });
        Assert.Equal(Unauthorized, notAllowed.GetProperty("error_code").GetInt32());
        var wrongSecret = await cluster.Janus.VideoRoomAsync(handle, new() { ["request"] = "destroy", ["room"] = roomId, ["secret"] = "guess" });
        Assert.Equal(Unauthorized, wrongSecret.GetProperty("error_code").GetInt32());

        // Through the hub: a pupil still in the lobby is no participant and gets no media.
        Assert.False((await scenario.PupilHub.JoinRoomSessionAsync(scenario.Id, scenario.RoomId)).Admitted);
        var lobby = await Assert.ThrowsAsync<CollabHubException>(() => scenario.PupilHub.PublishRoomMediaAsync(scenario.Id, scenario.RoomId, Offer));
        Assert.Equal("forbidden", lobby.Code);
        var peek = await Assert.ThrowsAsync<CollabHubException>(() => scenario.PupilHub.SubscribeRoomMediaAsync(scenario.Id, scenario.RoomId, scenario.TeacherId));
        Assert.Equal("forbidden", peek.Code);
        Assert.Equal(0, Room(await cluster.Janus.RoomsAsync(), sessionId).GetProperty("num_participants").GetInt32());
    }

    [Fact]
    public async Task SFU_signalling_has_the_limits_of_mesh_signalling()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);
        await scenario.StartWithPupilInsideAsync();

        var huge = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.TeacherHub.PublishRoomMediaAsync(scenario.Id, scenario.RoomId, Offer + new string('a', 40_000)));
        Assert.Equal("too_large", huge.Code);
        var garbage = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.TeacherHub.SendRoomMediaSignalAsync(scenario.Id, scenario.RoomId, scenario.TeacherId, RtcSignalKind.Candidate, "not json"));
        Assert.Equal("invalid", garbage.Code);
        var outsider = (await scenario.TeacherHub.CreatePupilsAsync(scenario.Id, "Owl")).Single();
        var stranger = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.TeacherHub.SubscribeRoomMediaAsync(scenario.Id, scenario.RoomId, outsider.AccountId));
        Assert.Equal("forbidden", stranger.Code);
        var self = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.TeacherHub.SubscribeRoomMediaAsync(scenario.Id, scenario.RoomId, scenario.TeacherId));
        Assert.Equal("forbidden", self.Code);
        var offerToServer = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.TeacherHub.SendRoomMediaSignalAsync(scenario.Id, scenario.RoomId, scenario.Pupil.AccountId, RtcSignalKind.Offer, Offer));
        Assert.Equal("invalid", offerToServer.Code);
    }

    [Fact]
    public async Task Ending_the_session_destroys_its_Janus_room()
    {
        await using var scenario = await RoomSessionScenario.CreateAsync(cluster.NodeA, cluster.NodeB);
        await scenario.StartWithPupilInsideAsync();
        var sessionId = (await scenario.TeacherHub.OpenRoomAsync(scenario.Id, scenario.RoomId)).Session!.SessionId;
        await scenario.PupilHub.PublishRoomMediaAsync(scenario.Id, scenario.RoomId, Offer);
        Assert.Contains(await cluster.Janus.RoomsAsync(), r => r.GetProperty("room").GetUInt64() == _secrets.RoomId(sessionId));

        await scenario.TeacherHub.EndRoomSessionAsync(scenario.Id, scenario.RoomId);

        Assert.DoesNotContain(await cluster.Janus.RoomsAsync(), r => r.GetProperty("room").GetUInt64() == _secrets.RoomId(sessionId));
        var ended = await Assert.ThrowsAsync<CollabHubException>(() => scenario.PupilHub.PublishRoomMediaAsync(scenario.Id, scenario.RoomId, Offer));
        Assert.Equal("not_found", ended.Code);
    }

    [Fact]
    public async Task A_large_session_does_not_start_while_Janus_is_unreachable()
    {
        var settings = cluster.Janus.Settings();
        settings["Rooms:Media:Janus:Url"] = $"http://127.0.0.1:{RedisServer.FreePort()}/janus";
        await using var server = await CollabServer.StartAsync(settings);
        await using var scenario = await RoomSessionScenario.CreateAsync(server, server);

        var refused = await Assert.ThrowsAsync<CollabHubException>(() => scenario.TeacherHub.StartRoomSessionAsync(scenario.Id, scenario.RoomId));

        Assert.Equal("media_unavailable", refused.Code);
        Assert.Null((await scenario.TeacherHub.OpenRoomAsync(scenario.Id, scenario.RoomId)).Session);
        var small = await scenario.TeacherHub.CreateRoomAsync(scenario.Id, "Four seats", capacity: 4);
        await scenario.TeacherHub.StartRoomSessionAsync(scenario.Id, small.Id);
    }

    private JsonElement Room(IReadOnlyList<JsonElement> rooms, string sessionId) =>
        Assert.Single(rooms, r => r.GetProperty("room").GetUInt64() == _secrets.RoomId(sessionId));
}
