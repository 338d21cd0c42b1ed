using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.LiveEvents;

/// <summary>
/// Before the start, hosts and seated attendees connected in the TwinSpace are reminded on whichever node they are;
/// someone on the waiting list is not, and a reminded connection hears it once.
/// </summary>
[Collection(LiveEventCollection.Name)]
public sealed class LiveEventReminderTests(LiveEventCluster cluster)
{
    [Fact]
    public async Task Hosts_and_seated_attendees_are_reminded_once_before_the_start_and_the_waiting_list_is_not()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA, capacity: 1);
        var soon = await scenario.Host.CreateLiveEventAsync(scenario.Id, new CreateLiveEventRequest(
            "Starts soon", null, DateTime.UtcNow.AddMinutes(10), 45, "Europe/Warsaw", 1, LiveEventAudience.Members));
        var (_, seated) = await scenario.MemberAsync(cluster.NodeB, TwinSpaceRole.Pupil, "Seated");
        var (_, waiting) = await scenario.MemberAsync(cluster.NodeB, TwinSpaceRole.Pupil, "Waiting");
        await seated.RegisterForLiveEventAsync(scenario.Id, soon.Id);
        await waiting.RegisterForLiveEventAsync(scenario.Id, soon.Id);
        var atHost = new EventRecorder<LiveEventReminderEvent>();
        var atSeated = new EventRecorder<LiveEventReminderEvent>();
        var atWaiting = new EventRecorder<LiveEventReminderEvent>();
        scenario.Host.LiveEventReminder += atHost.Record;
        seated.LiveEventReminder += atSeated.Record;
        waiting.LiveEventReminder += atWaiting.Record;

        await waiting.JoinTwinSpaceAsync(scenario.Id);
        await seated.JoinTwinSpaceAsync(scenario.Id);
        await scenario.Host.JoinTwinSpaceAsync(scenario.Id);
        var reminded = await atSeated.WaitForAsync(r => r.Event.Id == soon.Id);
        await atHost.WaitForAsync(r => r.Event.Id == soon.Id);
        // A connection arriving later is reminded at a later look; by then the first ones would have heard it again.
        var laterTab = await scenario.TabAsync(cluster.NodeB, scenario.Space.Founder.Account.Id);
        var atLaterTab = new EventRecorder<LiveEventReminderEvent>();
        laterTab.LiveEventReminder += atLaterTab.Record;
        await laterTab.JoinTwinSpaceAsync(scenario.Id);
        await atLaterTab.WaitForAsync(r => r.Event.Id == soon.Id);
        await seated.ListLiveEventsAsync(scenario.Id);
        await waiting.ListLiveEventsAsync(scenario.Id);

        Assert.Equal("Starts soon", reminded.Event.Title);
        Assert.InRange(reminded.MinutesToStart, 9, 10);
        Assert.Empty(atWaiting.Seen);
        Assert.Single(atSeated.Seen, r => r.Event.Id == soon.Id);
    }

    [Fact]
    public async Task A_registered_outsider_of_a_public_event_is_reminded_on_their_node_though_they_are_in_no_scope_of_the_twinspace()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        var soon = await scenario.Host.CreateLiveEventAsync(scenario.Id, new CreateLiveEventRequest(
            "Open webinar soon", null, DateTime.UtcNow.AddMinutes(10), 45, "Europe/Warsaw", 10, LiveEventAudience.PublicTeachers));
        var (_, outsider) = await scenario.OutsiderAsync(cluster.NodeB, "Registered outsider");
        var (_, browsing) = await scenario.OutsiderAsync(cluster.NodeB, "Browsing outsider");
        var atOutsider = new EventRecorder<LiveEventReminderEvent>();
        var atBrowsing = new EventRecorder<LiveEventReminderEvent>();
        outsider.LiveEventReminder += atOutsider.Record;
        browsing.LiveEventReminder += atBrowsing.Record;

        await outsider.RegisterForLiveEventAsync(scenario.Id, soon.Id);
        var reminded = await atOutsider.WaitForAsync(r => r.Event.Id == soon.Id);
        await browsing.ListPublicLiveEventsAsync();

        Assert.Equal(("Open webinar soon", scenario.Id), (reminded.Event.Title, reminded.TwinSpaceId));
        Assert.Empty(atBrowsing.Seen);
    }
}
