using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Features.LiveEvents;
using Microsoft.Extensions.DependencyInjection;

namespace ETwinning.Collab.IntegrationTests.LiveEvents;

/// <summary>The rules that must hold across nodes: exact seats, votes counted once, tallies and the lobby on both nodes.</summary>
[Collection(LiveEventCollection.Name)]
public sealed class LiveEventClusterTests(LiveEventCluster cluster)
{
    [Fact]
    public async Task Two_hundred_concurrent_registrations_on_two_nodes_fill_exactly_the_capacity_and_a_cancel_promotes_the_first_waiting()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA, capacity: 50);
        var members = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            scenario.MemberAsync(i % 2 == 0 ? cluster.NodeA : cluster.NodeB, name: $"Teacher {i}")));

        var registrations = await Task.WhenAll(members.Select(m => m.Hub.RegisterForLiveEventAsync(scenario.Id, scenario.EventId)));

        Assert.Equal(50, registrations.Count(r => r.Status == LiveRegistrationStatus.Registered));
        Assert.Equal(150, registrations.Count(r => r.Status == LiveRegistrationStatus.Waitlisted));
        var list = await scenario.Host.ListLiveEventRegistrationsAsync(scenario.Id, scenario.EventId);
        Assert.Equal(Enumerable.Range(1, 150), list.Where(r => r.Status == LiveRegistrationStatus.Waitlisted).Select(r => r.WaitlistPosition!.Value));
        var firstWaiting = list.First(r => r.Status == LiveRegistrationStatus.Waitlisted).AccountId;
        var promotedHub = members.Single(m => m.AccountId == firstWaiting).Hub;
        var promoted = new EventRecorder<LiveRegistrationEvent>();
        promotedHub.LiveRegistrationChanged += promoted.Record;

        var seated = members.First(m => registrations[Array.IndexOf(members, m)].Status == LiveRegistrationStatus.Registered);
        await seated.Hub.CancelLiveEventRegistrationAsync(scenario.Id, scenario.EventId);

        var seat = await promoted.WaitForAsync(e => e.Registration.AccountId == firstWaiting);
        Assert.Equal(LiveRegistrationStatus.Registered, seat.Registration.Status);
        var events = await scenario.Host.ListLiveEventsAsync(scenario.Id);
        Assert.Equal((50, 149), (events.Single().RegisteredCount, events.Single().WaitlistCount));
    }

    [Fact]
    public async Task A_vote_counts_once_under_retries_from_two_tabs_on_two_nodes()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        var voters = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => scenario.AttendeeAsync(cluster.NodeA, name: $"Voter {i}")));
        // The same accounts in a second tab, connected to the other node.
        var secondTabs = await Task.WhenAll(voters.Select(v => scenario.TabAsync(cluster.NodeB, v.AccountId)));
        var poll = await scenario.Host.OpenLivePollAsync(scenario.Id, scenario.EventId,
            new OpenLivePollRequest(LivePollKind.Poll, "Which river is longest?", ["Danube", "Tagus", "Vistula"]));

        var attempts = voters.Select((v, i) => (Voter: v, Tab: secondTabs[i])).SelectMany(pair => new[]
        {
            Attempt(pair.Voter.Hub, scenario, poll.Id, 0, $"first-{pair.Voter.AccountId}"),
            Attempt(pair.Voter.Hub, scenario, poll.Id, 0, $"first-{pair.Voter.AccountId}"),
            Attempt(pair.Tab, scenario, poll.Id, 0, $"first-{pair.Voter.AccountId}"),
            Attempt(pair.Tab, scenario, poll.Id, 1, $"second-{pair.Voter.AccountId}"),
        }).ToList();
        var outcomes = await Task.WhenAll(attempts);
        var closed = await scenario.Host.CloseLivePollAsync(scenario.Id, scenario.EventId, poll.Id);

        Assert.Equal(20, closed.Voters);
        Assert.Equal(20, closed.Tally.Sum());
        Assert.All(outcomes, o => Assert.True(o.Receipt is not null || o.Error == "conflict", $"unexpected {o.Error}"));
        Assert.All(outcomes.Where(o => o.Receipt is not null).GroupBy(o => o.ClientId),
            retries => Assert.Single(retries.Select(r => r.Receipt!.Choices.Single()).Distinct()));
    }

    [Fact]
    public async Task Running_tallies_reach_attendees_on_the_node_without_votes_and_the_final_tally_reaches_everyone()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        var watcherA = await scenario.AttendeeAsync(cluster.NodeA, name: "Watcher A");
        var watcherB = await scenario.AttendeeAsync(cluster.NodeB, name: "Watcher B");
        var talliesA = new EventRecorder<LiveTallyEvent>();
        var talliesB = new EventRecorder<LiveTallyEvent>();
        watcherA.Hub.LiveTallyChanged += talliesA.Record;
        watcherB.Hub.LiveTallyChanged += talliesB.Record;
        await watcherA.Hub.JoinLiveEventAsync(scenario.Id, scenario.EventId);
        await watcherB.Hub.JoinLiveEventAsync(scenario.Id, scenario.EventId);
        var voters = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => scenario.AttendeeAsync(cluster.NodeA, name: $"Voter {i}")));
        var poll = await scenario.Host.OpenLivePollAsync(scenario.Id, scenario.EventId,
            new OpenLivePollRequest(LivePollKind.Poll, "Best season for a river trip?", ["Spring", "Summer"]));

        await Task.WhenAll(voters.Select((v, i) => v.Hub.VoteInLivePollAsync(scenario.Id, scenario.EventId, poll.Id, [i % 2])));
        await talliesB.WaitForAsync(t => t.PollId == poll.Id && !t.Final && t.Voters == 30);
        await scenario.Host.CloseLivePollAsync(scenario.Id, scenario.EventId, poll.Id);

        var finalA = await talliesA.WaitForAsync(t => t.PollId == poll.Id && t.Final);
        var finalB = await talliesB.WaitForAsync(t => t.PollId == poll.Id && t.Final);
        Assert.Equal([15, 15], finalA.Tally);
        Assert.Equal([15, 15], finalB.Tally);
        // Coalesced: 30 votes never cause 30 running tallies at one client.
        Assert.True(talliesB.Seen.Count(t => !t.Final) < 30, $"{talliesB.Seen.Count(t => !t.Final)} running tallies for 30 votes");
    }

    [Fact]
    public async Task A_pupil_waits_in_the_lobby_for_the_start_and_then_for_a_teacher_who_enters_on_the_other_node()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        var pupil = await scenario.AttendeeAsync(cluster.NodeA, TwinSpaceRole.Pupil, "Otter");
        var teacher = await scenario.AttendeeAsync(cluster.NodeB, TwinSpaceRole.Teacher, "Ms Rios");
        var lobby = new EventRecorder<LiveLobbyEvent>();
        pupil.Hub.LiveLobbyChanged += lobby.Record;

        var beforeStart = await pupil.Hub.JoinLiveEventAsync(scenario.Id, scenario.EventId);
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        await lobby.WaitForAsync(l => l.State == LiveEventState.Live);
        var withoutTeacher = await pupil.Hub.JoinLiveEventAsync(scenario.Id, scenario.EventId);
        var refused = await Assert.ThrowsAsync<CollabHubException>(() => pupil.Hub.RaiseLiveHandAsync(scenario.Id, scenario.EventId));
        await teacher.Hub.JoinLiveEventAsync(scenario.Id, scenario.EventId);
        await lobby.WaitForAsync(l => l.TeacherPresent);
        var admitted = await pupil.Hub.JoinLiveEventAsync(scenario.Id, scenario.EventId);

        Assert.Equal((false, "waiting_for_host"), (beforeStart.Admitted, beforeStart.LobbyReason));
        Assert.Equal((false, "waiting_for_teacher"), (withoutTeacher.Admitted, withoutTeacher.LobbyReason));
        Assert.Equal("conflict", refused.Code);
        Assert.True(admitted.Admitted);
        Assert.Single(await pupil.Hub.RaiseLiveHandAsync(scenario.Id, scenario.EventId));
    }

    [Fact]
    public async Task A_teacher_whose_node_died_admits_no_more_pupils_until_a_teacher_on_a_live_node_enters()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        var pupil = await scenario.AttendeeAsync(cluster.NodeA, TwinSpaceRole.Pupil, "Otter");
        var teacher = await scenario.AttendeeAsync(cluster.NodeB, TwinSpaceRole.Teacher, "Ms Rios");
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        // What a node killed with kill -9 leaves behind: its teacher's stretch, never ended, on a node that beats no more.
        var store = cluster.NodeA.Services.GetRequiredService<ILiveEventStore>();
        var orphan = await store.AddAttendanceAsync(scenario.Id, new LiveAttendance
        {
            Id = Guid.NewGuid().ToString("N"), EventId = scenario.EventId, AccountId = teacher.AccountId, DisplayName = "Ms Rios",
            Supervises = true, NodeId = "a-node-that-stopped-beating", JoinedAt = DateTime.UtcNow,
        });
        var lobby = new EventRecorder<LiveLobbyEvent>();
        pupil.Hub.LiveLobbyChanged += lobby.Record;

        var withOrphan = await pupil.Hub.JoinLiveEventAsync(scenario.Id, scenario.EventId);
        var afterRepair = await store.FindEventAsync(scenario.Id, scenario.EventId);
        var ended = Assert.Single(await store.AttendanceAsync(scenario.Id, scenario.EventId), a => a.NodeId == "a-node-that-stopped-beating");
        await teacher.Hub.JoinLiveEventAsync(scenario.Id, scenario.EventId);
        await lobby.WaitForAsync(l => l.TeacherPresent);
        var withTeacher = await pupil.Hub.JoinLiveEventAsync(scenario.Id, scenario.EventId);

        Assert.Equal(1, orphan!.SupervisorsPresent);
        Assert.Equal((false, "waiting_for_teacher"), (withOrphan.Admitted, withOrphan.LobbyReason));
        Assert.Equal(0, afterRepair!.SupervisorsPresent);
        Assert.NotNull(ended.LeftAt);
        Assert.True(withTeacher.Admitted);
    }

    private static async Task<(string ClientId, LiveVoteReceipt? Receipt, string? Error)> Attempt(
        TwinSpaceConnection hub, LiveEventScenario scenario, string pollId, int choice, string clientId)
    {
        try { return (clientId, await hub.VoteInLivePollAsync(scenario.Id, scenario.EventId, pollId, [choice], clientId), null); }
        catch (CollabHubException refused) { return (clientId, null, refused.Code); }
    }
}
