using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.LiveEvents;

/// <summary>
/// The event's chat is the chat feature with its members kept by the event: hosts and seated attendees write in it,
/// on either node; a member without a seat does not see it; the TwinSpace's teachers supervise it; it closes for
/// writing when the event ends and stays to read.
/// </summary>
[Collection(LiveEventCollection.Name)]
public sealed class LiveEventChatTests(LiveEventCluster cluster)
{
    [Fact]
    public async Task Seated_attendees_and_hosts_chat_across_nodes_and_a_member_without_a_seat_cannot_see_it()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA, capacity: 1);
        var channelId = scenario.Event.ChatChannelId;
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        var (_, pupil) = await scenario.AttendeeAsync(cluster.NodeB, TwinSpaceRole.Pupil, "Seated pupil");
        var (_, waiting) = await scenario.MemberAsync(cluster.NodeA, TwinSpaceRole.Pupil, "Waiting pupil");
        await waiting.RegisterForLiveEventAsync(scenario.Id, scenario.EventId);
        var atHost = new EventRecorder<ChatMessageView>();
        scenario.Host.ChatMessageReceived += atHost.Record;

        await scenario.Host.OpenChatChannelAsync(scenario.Id, channelId);
        var channel = await pupil.OpenChatChannelAsync(scenario.Id, channelId);
        await pupil.SendChatMessageAsync(scenario.Id, channelId, Guid.NewGuid().ToString("N"), "Hello from Porto!");
        var arrived = await atHost.WaitForAsync(m => m.ChannelId == channelId);
        var hidden = await Refusal(() => waiting.OpenChatChannelAsync(scenario.Id, channelId));
        var unlisted = await waiting.ListChatChannelsAsync(scenario.Id);

        Assert.Equal((ChatChannelKind.LiveEvent, true), (channel.Kind, channel.CanWrite));
        Assert.Equal("Hello from Porto!", arrived.Text);
        Assert.Equal("not_found", hidden.Code);
        Assert.DoesNotContain(unlisted, c => c.Id == channelId);
    }

    [Fact]
    public async Task A_seat_from_the_waiting_list_opens_the_chat_and_a_cancelled_seat_closes_it()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA, capacity: 1);
        var channelId = scenario.Event.ChatChannelId;
        // Pupils: teachers read every chat of their TwinSpace (supervision), with or without a seat.
        var (_, first) = await scenario.AttendeeAsync(cluster.NodeA, TwinSpaceRole.Pupil, "First");
        var (_, second) = await scenario.MemberAsync(cluster.NodeB, TwinSpaceRole.Pupil, "Second");
        await second.RegisterForLiveEventAsync(scenario.Id, scenario.EventId);
        var before = await Refusal(() => second.OpenChatChannelAsync(scenario.Id, channelId));

        await first.CancelLiveEventRegistrationAsync(scenario.Id, scenario.EventId);
        var promoted = await second.OpenChatChannelAsync(scenario.Id, channelId);
        var cancelled = await Refusal(() => first.SendChatMessageAsync(scenario.Id, channelId, Guid.NewGuid().ToString("N"), "Still here?"));

        Assert.Equal("not_found", before.Code);
        Assert.True(promoted.CanWrite);
        Assert.Equal("not_found", cancelled.Code);
    }

    [Fact]
    public async Task Teachers_supervise_the_chat_and_it_closes_for_writing_when_the_event_ends()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        var channelId = scenario.Event.ChatChannelId;
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        var (_, pupil) = await scenario.AttendeeAsync(cluster.NodeB, TwinSpaceRole.Pupil, "Pupil");
        var (_, supervisor) = await scenario.MemberAsync(cluster.NodeB, TwinSpaceRole.Teacher, "Supervising teacher");
        await pupil.SendChatMessageAsync(scenario.Id, channelId, Guid.NewGuid().ToString("N"), "Our answer was the Danube");

        var supervised = await supervisor.OpenChatChannelAsync(scenario.Id, channelId);
        await scenario.Host.EndLiveEventAsync(scenario.Id, scenario.EventId);
        var afterEnd = await Refusal(() => pupil.SendChatMessageAsync(scenario.Id, channelId, Guid.NewGuid().ToString("N"), "One more"));
        var kept = await pupil.OpenChatChannelAsync(scenario.Id, channelId);

        Assert.Equal(1, supervised.LastSequence);
        Assert.Equal("forbidden", afterEnd.Code);
        Assert.Equal((false, 1L), (kept.CanWrite, kept.LastSequence));
    }

    private static Task<CollabHubException> Refusal(Func<Task> call) => Assert.ThrowsAsync<CollabHubException>(call);
}
