using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.LiveEvents;

/// <summary>Every bad input of the issue refused with its stable code, nothing lost or double-counted.</summary>
[Collection(LiveEventCollection.Name)]
public sealed class LiveEventBadInputTests(LiveEventCluster cluster)
{
    [Fact]
    public async Task Voting_twice_or_after_the_close_is_refused_and_the_tally_keeps_one_vote()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        var (_, voter) = await scenario.AttendeeAsync(cluster.NodeB);
        var (_, late) = await scenario.AttendeeAsync(cluster.NodeA);
        var poll = await OpenPollAsync(scenario);

        await voter.VoteInLivePollAsync(scenario.Id, scenario.EventId, poll.Id, [0]);
        var twice = await Refusal(() => voter.VoteInLivePollAsync(scenario.Id, scenario.EventId, poll.Id, [1]));
        await scenario.Host.CloseLivePollAsync(scenario.Id, scenario.EventId, poll.Id);
        var afterClose = await Refusal(() => late.VoteInLivePollAsync(scenario.Id, scenario.EventId, poll.Id, [1]));

        Assert.Equal("conflict", twice.Code);
        Assert.Equal("conflict", afterClose.Code);
        var stored = (await scenario.Host.GetLiveEventSummaryAsync(scenario.Id, scenario.EventId)).Polls.Single();
        Assert.Equal([1, 0], stored.Tally);
    }

    [Fact]
    public async Task An_answer_after_the_quiz_timer_is_refused_and_the_timer_closes_the_question_for_everyone()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        var (_, slow) = await scenario.AttendeeAsync(cluster.NodeB, name: "Slow");
        var polls = new EventRecorder<LivePollEvent>();
        slow.LivePollChanged += polls.Record;
        await slow.JoinLiveEventAsync(scenario.Id, scenario.EventId);

        var quiz = await scenario.Host.OpenLivePollAsync(scenario.Id, scenario.EventId,
            new OpenLivePollRequest(LivePollKind.Quiz, "Where does the Danube end?", ["Black Sea", "North Sea"], CorrectOption: 0, TimeLimitSeconds: 1));
        await polls.WaitForAsync(p => p.Poll.Id == quiz.Id && p.Poll.ClosedAt is not null);
        var late = await Refusal(() => slow.VoteInLivePollAsync(scenario.Id, scenario.EventId, quiz.Id, [0]));

        Assert.Equal("conflict", late.Code);
        Assert.Contains("Time is up", late.Message);
    }

    [Fact]
    public async Task Registering_beyond_capacity_waitlists_and_a_waitlisted_member_cannot_enter()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA, capacity: 1);
        await scenario.AttendeeAsync(cluster.NodeA, name: "Seated");
        var (_, waiting) = await scenario.MemberAsync(cluster.NodeB, name: "Waiting");

        var registration = await waiting.RegisterForLiveEventAsync(scenario.Id, scenario.EventId);
        var again = await waiting.RegisterForLiveEventAsync(scenario.Id, scenario.EventId);
        var noSeat = await Refusal(() => waiting.JoinLiveEventAsync(scenario.Id, scenario.EventId));

        Assert.Equal((LiveRegistrationStatus.Waitlisted, 1), (registration.Status, registration.WaitlistPosition));
        Assert.Equal(registration, again);
        Assert.Equal("forbidden", noSeat.Code);
        Assert.Equal(1, (await scenario.Host.ListLiveEventsAsync(scenario.Id)).Single().RegisteredCount);
    }

    [Fact]
    public async Task A_pupil_of_another_twinspace_cannot_register_or_join()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        await using var other = await LiveEventScenario.CreateAsync(cluster.NodeB);
        var (_, stranger) = await other.MemberAsync(cluster.NodeB, TwinSpaceRole.Pupil, "Stranger");

        var register = await Refusal(() => stranger.RegisterForLiveEventAsync(scenario.Id, scenario.EventId));
        var join = await Refusal(() => stranger.JoinLiveEventAsync(scenario.Id, scenario.EventId));

        Assert.Equal(("forbidden", "forbidden"), (register.Code, join.Code));
        Assert.Equal(0, (await scenario.Host.ListLiveEventsAsync(scenario.Id)).Single().RegisteredCount);
    }

    [Fact]
    public async Task A_question_flood_is_rate_limited_and_oversized_text_is_too_large_with_nothing_stored()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        var (askerId, asker) = await scenario.AttendeeAsync(cluster.NodeA, name: "Asker");
        // The same attendee in a second tab that landed on the other node shares the allowance.
        var otherTab = await scenario.TabAsync(cluster.NodeB, askerId);

        var oversized = await Refusal(() => asker.AskLiveQuestionAsync(scenario.Id, scenario.EventId, new string('?', LiveEventCluster.MaxQuestionCharacters + 1)));
        for (var i = 0; i < LiveEventCluster.QuestionsPerMinute; i++) await asker.AskLiveQuestionAsync(scenario.Id, scenario.EventId, $"Question {i}?");
        var flood = await Refusal(() => asker.AskLiveQuestionAsync(scenario.Id, scenario.EventId, "One more?"));
        var floodFromTheOtherNode = await Refusal(() => otherTab.AskLiveQuestionAsync(scenario.Id, scenario.EventId, "And from here?"));

        Assert.Equal("too_large", oversized.Code);
        Assert.Equal(("rate_limited", "rate_limited"), (flood.Code, floodFromTheOtherNode.Code));
        Assert.Equal(LiveEventCluster.QuestionsPerMinute, (await scenario.Host.ListLiveQuestionsAsync(scenario.Id, scenario.EventId)).Count);
    }

    [Fact]
    public async Task Only_hosts_run_the_event_and_only_teacher_administrators_create_events()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        var (_, teacher) = await scenario.AttendeeAsync(cluster.NodeB);

        var start = await Refusal(() => teacher.StartLiveEventAsync(scenario.Id, scenario.EventId));
        var create = await Refusal(() => teacher.CreateLiveEventAsync(scenario.Id,
            new CreateLiveEventRequest("Mine", null, DateTime.UtcNow, 30, "Europe/Lisbon", 10, LiveEventAudience.Members)));
        var badZone = await Refusal(() => scenario.Host.CreateLiveEventAsync(scenario.Id,
            new CreateLiveEventRequest("Zone", null, DateTime.UtcNow, 30, "Mars/Olympus", 10, LiveEventAudience.Members)));

        Assert.Equal(("forbidden", "forbidden", "invalid"), (start.Code, create.Code, badZone.Code));
    }

    private static Task<LivePollView> OpenPollAsync(LiveEventScenario scenario) =>
        scenario.Host.OpenLivePollAsync(scenario.Id, scenario.EventId, new OpenLivePollRequest(LivePollKind.Poll, "Swim in the river?", ["Yes", "No"]));

    private static Task<CollabHubException> Refusal(Func<Task> call) => Assert.ThrowsAsync<CollabHubException>(call);
}
