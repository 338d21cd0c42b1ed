using System.Text.Json;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.IntegrationTests.Rooms;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.Rooms.Media;

namespace ETwinning.Collab.IntegrationTests.LiveEvents;

/// <summary>
/// Live events' presenter media through the rooms' media server: a real Janus driven by two nodes. Media never flows
/// here (no WebRTC stack; the browser test does that): these tests check what the server and Janus agree on.
/// </summary>
public sealed class LiveEventMediaTests(JanusCluster cluster) : IClassFixture<JanusCluster>
{
    private readonly JanusSecrets _secrets = new(JanusServer.RoomKey);

    [Fact]
    public async Task Starting_an_event_makes_its_private_Janus_room_and_ending_it_destroys_the_room()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        var roomId = RoomIdOf(scenario);
        Assert.DoesNotContain(await cluster.Janus.RoomsAsync(), r => r.GetProperty("room").GetUInt64() == roomId);

        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        var room = Room(await cluster.Janus.RoomsAsync(), roomId);
        Assert.True(room.GetProperty("is_private").GetBoolean());
        Assert.True(room.GetProperty("pin_required").GetBoolean());

        await scenario.Host.EndLiveEventAsync(scenario.Id, scenario.EventId);
        Assert.DoesNotContain(await cluster.Janus.RoomsAsync(), r => r.GetProperty("room").GetUInt64() == roomId);
    }

    [Fact]
    public async Task A_presenter_gets_Janus_answer_and_an_attendee_on_the_other_node_may_only_watch()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        Assert.True((await scenario.Host.JoinLiveEventAsync(scenario.Id, scenario.EventId)).Admitted);
        var hostId = scenario.Event.HostIds[0];
        var (_, attendee) = await scenario.AttendeeAsync(cluster.NodeB, name: "Viewer");
        Assert.True((await attendee.JoinLiveEventAsync(scenario.Id, scenario.EventId)).Admitted);

        var answer = await scenario.Host.PublishLiveEventMediaAsync(scenario.Id, scenario.EventId, JanusMediaTests.Offer);
        Assert.Contains("m=video", answer, StringComparison.Ordinal);
        Assert.Contains("a=recvonly", answer, StringComparison.Ordinal);
        await scenario.Host.SendLiveEventMediaSignalAsync(scenario.Id, scenario.EventId, hostId, RtcSignalKind.Candidate, """{"candidate":""}""");
        Assert.Equal(1, Room(await cluster.Janus.RoomsAsync(), RoomIdOf(scenario)).GetProperty("num_participants").GetInt32());

        var refused = await Assert.ThrowsAsync<CollabHubException>(() => attendee.PublishLiveEventMediaAsync(scenario.Id, scenario.EventId, JanusMediaTests.Offer));
        Assert.Equal("forbidden", refused.Code);
        var media = await attendee.GetLiveEventMediaAsync(scenario.Id, scenario.EventId);
        Assert.True(media.Available);
        // No media reached Janus, so the host's feed cannot be subscribed to yet; an attendee is no feed at all.
        var notYet = await Assert.ThrowsAsync<CollabHubException>(() => attendee.SubscribeLiveEventMediaAsync(scenario.Id, scenario.EventId, hostId));
        Assert.Equal("not_found", notYet.Code);
        Assert.Equal(1, Room(await cluster.Janus.RoomsAsync(), RoomIdOf(scenario)).GetProperty("num_participants").GetInt32());
    }

    [Fact]
    public async Task A_presenter_publishing_again_from_a_second_tab_replaces_the_first_feed()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        var (presenterId, presenter) = await scenario.AttendeeAsync(cluster.NodeA, TwinSpaceRole.Teacher, "Speaker");
        await scenario.Host.PromoteLivePresenterAsync(scenario.Id, scenario.EventId, presenterId);
        var tab = await scenario.TabAsync(cluster.NodeB, presenterId);
        Assert.True((await presenter.JoinLiveEventAsync(scenario.Id, scenario.EventId)).Admitted);
        Assert.True((await tab.JoinLiveEventAsync(scenario.Id, scenario.EventId)).Admitted);

        Assert.Contains("m=video", await presenter.PublishLiveEventMediaAsync(scenario.Id, scenario.EventId, JanusMediaTests.Offer), StringComparison.Ordinal);
        Assert.Contains("m=video", await tab.PublishLiveEventMediaAsync(scenario.Id, scenario.EventId, JanusMediaTests.Offer), StringComparison.Ordinal);

        await Eventually.ResultAsync(async () =>
        {
            Assert.Equal(1, Room(await cluster.Janus.RoomsAsync(), RoomIdOf(scenario)).GetProperty("num_participants").GetInt32());
            return true;
        });
    }

    [Fact]
    public async Task An_outsider_of_a_public_event_watches_its_stage_and_sends_media_only_once_promoted()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA, audience: LiveEventAudience.PublicTeachers);
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        Assert.True((await scenario.Host.JoinLiveEventAsync(scenario.Id, scenario.EventId)).Admitted);
        var hostId = scenario.Event.HostIds[0];
        var (outsiderId, outsider) = await scenario.RegisteredOutsiderAsync(cluster.NodeB, "Guest speaker");
        var notJoined = await Assert.ThrowsAsync<CollabHubException>(() => outsider.SubscribeLiveEventMediaAsync(scenario.Id, scenario.EventId, hostId));
        Assert.True((await outsider.JoinLiveEventAsync(scenario.Id, scenario.EventId)).Admitted);

        var media = await outsider.GetLiveEventMediaAsync(scenario.Id, scenario.EventId);
        var attendeeRefused = await Assert.ThrowsAsync<CollabHubException>(() => outsider.PublishLiveEventMediaAsync(scenario.Id, scenario.EventId, JanusMediaTests.Offer));
        // No media reached Janus from the host, so the feed is not there to watch yet: the refusal is Janus's, not the gate's.
        var noFeedYet = await Assert.ThrowsAsync<CollabHubException>(() => outsider.SubscribeLiveEventMediaAsync(scenario.Id, scenario.EventId, hostId));
        await scenario.Host.PromoteLivePresenterAsync(scenario.Id, scenario.EventId, outsiderId);
        var answer = await outsider.PublishLiveEventMediaAsync(scenario.Id, scenario.EventId, JanusMediaTests.Offer);
        await outsider.SendLiveEventMediaSignalAsync(scenario.Id, scenario.EventId, outsiderId, RtcSignalKind.Candidate, """{"candidate":""}""");

        Assert.Equal("forbidden", notJoined.Code);
        Assert.True(media.Available);
        Assert.Equal("forbidden", attendeeRefused.Code);
        Assert.Equal("not_found", noFeedYet.Code);
        Assert.Contains("m=video", answer, StringComparison.Ordinal);
        Assert.Equal(1, Room(await cluster.Janus.RoomsAsync(), RoomIdOf(scenario)).GetProperty("num_participants").GetInt32());
    }

    [Fact]
    public async Task Nobody_in_the_lobby_or_outside_the_event_gets_its_media()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        var hostId = scenario.Event.HostIds[0];
        var (_, pupil) = await scenario.AttendeeAsync(cluster.NodeB, TwinSpaceRole.Pupil, "Pupil");
        Assert.Equal("waiting_for_host", (await pupil.JoinLiveEventAsync(scenario.Id, scenario.EventId)).LobbyReason);
        var early = await Assert.ThrowsAsync<CollabHubException>(() => pupil.SubscribeLiveEventMediaAsync(scenario.Id, scenario.EventId, hostId));
        Assert.Equal("conflict", early.Code);

        // Live, but no teacher of the TwinSpace is in the event: the pupil still waits, and sees nothing.
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        Assert.Equal("waiting_for_teacher", (await pupil.JoinLiveEventAsync(scenario.Id, scenario.EventId)).LobbyReason);
        var peek = await Assert.ThrowsAsync<CollabHubException>(() => pupil.SubscribeLiveEventMediaAsync(scenario.Id, scenario.EventId, hostId));
        Assert.Equal("conflict", peek.Code);
        var look = await Assert.ThrowsAsync<CollabHubException>(() => pupil.GetLiveEventMediaAsync(scenario.Id, scenario.EventId));
        Assert.Equal("conflict", look.Code);

        // The host's connection has not joined the event: it signals nothing.
        var unjoined = await Assert.ThrowsAsync<CollabHubException>(() => scenario.Host.PublishLiveEventMediaAsync(scenario.Id, scenario.EventId, JanusMediaTests.Offer));
        Assert.Equal("forbidden", unjoined.Code);
        Assert.Equal(0, Room(await cluster.Janus.RoomsAsync(), RoomIdOf(scenario)).GetProperty("num_participants").GetInt32());
    }

    [Fact]
    public async Task Live_event_signalling_has_the_limits_of_room_signalling()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        await scenario.StartWithHostInsideAsync();
        var (attendeeId, attendee) = await scenario.AttendeeAsync(cluster.NodeB);
        await attendee.JoinLiveEventAsync(scenario.Id, scenario.EventId);

        var huge = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.Host.PublishLiveEventMediaAsync(scenario.Id, scenario.EventId, JanusMediaTests.Offer + new string('a', 40_000)));
        Assert.Equal("too_large", huge.Code);
        var garbage = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.Host.SendLiveEventMediaSignalAsync(scenario.Id, scenario.EventId, scenario.Event.HostIds[0], RtcSignalKind.Candidate, "not json"));
        Assert.Equal("invalid", garbage.Code);
        var notAPresenter = await Assert.ThrowsAsync<CollabHubException>(() => scenario.Host.SubscribeLiveEventMediaAsync(scenario.Id, scenario.EventId, attendeeId));
        Assert.Equal("not_found", notAPresenter.Code);
        var offerToServer = await Assert.ThrowsAsync<CollabHubException>(() =>
            attendee.SendLiveEventMediaSignalAsync(scenario.Id, scenario.EventId, scenario.Event.HostIds[0], RtcSignalKind.Offer, JanusMediaTests.Offer));
        Assert.Equal("invalid", offerToServer.Code);
    }

    private ulong RoomIdOf(LiveEventScenario scenario) => _secrets.RoomId(MediaRoom.ForLiveEvent(scenario.Id, scenario.EventId, 1).Key);

    private static JsonElement Room(IReadOnlyList<JsonElement> rooms, ulong roomId) => Assert.Single(rooms, r => r.GetProperty("room").GetUInt64() == roomId);
}
