using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Features.TwinSpaces;
using Microsoft.Extensions.DependencyInjection;

namespace ETwinning.Collab.IntegrationTests.LiveEvents;

/// <summary>
/// Events with the <c>publicTeachers</c> audience: validated teachers of other schools find them, register and take part
/// on another node, without becoming members and without reaching anything else of the TwinSpace; pupils stay anonymous to them.
/// </summary>
[Collection(LiveEventCollection.Name)]
public sealed class PublicLiveEventTests(LiveEventCluster cluster)
{
    [Fact]
    public async Task A_teacher_of_another_school_finds_a_public_event_registers_and_takes_part_without_becoming_a_member()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA, audience: LiveEventAudience.PublicTeachers, title: "Open river webinar");
        await using var closed = await LiveEventScenario.CreateAsync(cluster.NodeA, title: "Members only quiz");
        var (outsiderId, outsider) = await scenario.OutsiderAsync(cluster.NodeB, "Ms Virtanen");

        var listed = await outsider.ListPublicLiveEventsAsync();
        var entry = Assert.Single(listed, e => e.EventId == scenario.EventId);
        Assert.DoesNotContain(listed, e => e.EventId == closed.EventId);
        Assert.Equal((scenario.Id, "Open river webinar", scenario.Space.TwinSpace.Title, "Europe/Lisbon", 60, 50, 50),
            (entry.TwinSpaceId, entry.Title, entry.TwinSpaceTitle, entry.TimeZone, entry.DurationMinutes, entry.Capacity, entry.SeatsLeft));

        var registration = await outsider.RegisterForLiveEventAsync(scenario.Id, scenario.EventId);
        var mine = (await outsider.ListPublicLiveEventsAsync()).Single(e => e.EventId == scenario.EventId).MyRegistration;
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        var hands = new EventRecorder<LiveHandsEvent>();
        scenario.Host.LiveHandsChanged += hands.Record;
        await scenario.Host.JoinLiveEventAsync(scenario.Id, scenario.EventId);
        var joined = await outsider.JoinLiveEventAsync(scenario.Id, scenario.EventId);
        var poll = await scenario.Host.OpenLivePollAsync(scenario.Id, scenario.EventId,
            new OpenLivePollRequest(LivePollKind.Poll, "Is your river clean?", ["Yes", "No"]));
        await outsider.VoteInLivePollAsync(scenario.Id, scenario.EventId, poll.Id, [1]);
        var question = await outsider.AskLiveQuestionAsync(scenario.Id, scenario.EventId, "How do you measure nitrates?");
        await outsider.RaiseLiveHandAsync(scenario.Id, scenario.EventId);
        var raised = await hands.WaitForAsync(h => h.Hands.Any(hand => hand.AccountId == outsiderId));

        Assert.Equal(LiveRegistrationStatus.Registered, registration.Status);
        Assert.Null(entry.MyRegistration);
        Assert.Equal((LiveRegistrationStatus.Registered, outsiderId), (mine?.Status, mine?.AccountId));
        Assert.Equal((true, LiveEventRole.Attendee), (joined.Admitted, joined.Role));
        Assert.Equal("Ms Virtanen", question.AuthorName);
        Assert.Equal("Ms Virtanen", raised.Hands.Single().DisplayName);
        Assert.Equal([0, 1], (await scenario.Host.CloseLivePollAsync(scenario.Id, scenario.EventId, poll.Id)).Tally);
        Assert.Contains((await scenario.Host.ListLiveEventRegistrationsAsync(scenario.Id, scenario.EventId)), r => r.AccountId == outsiderId);
        Assert.Null(await cluster.NodeA.Services.GetRequiredService<ITwinSpaceStore>().FindMembershipAsync(scenario.Id, outsiderId));
    }

    [Fact]
    public async Task An_outsider_reaches_nothing_else_of_the_twinspace_and_no_host_power()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA, audience: LiveEventAudience.PublicTeachers);
        var (_, outsider) = await scenario.RegisteredOutsiderAsync(cluster.NodeB);

        var refusals = new[]
        {
            await Refusal(() => outsider.ListPagesAsync(scenario.Id)),
            await Refusal(() => outsider.ListChatChannelsAsync(scenario.Id)),
            await Refusal(() => outsider.ListLiveEventsAsync(scenario.Id)),
            await Refusal(() => outsider.GetLiveEventSummaryAsync(scenario.Id, scenario.EventId)),
            await Refusal(() => outsider.ListMyLiveEventRegistrationsAsync(scenario.Id)),
            await Refusal(() => outsider.StartLiveEventAsync(scenario.Id, scenario.EventId)),
            await Refusal(() => outsider.ListLiveEventRegistrationsAsync(scenario.Id, scenario.EventId)),
        };

        Assert.All(refusals, r => Assert.Equal("forbidden", r.Code));
        Assert.All(refusals, r => Assert.Equal("You are not a member of this TwinSpace.", r.Message));
        Assert.Equal(LiveEventState.Scheduled, (await scenario.Host.ListLiveEventsAsync(scenario.Id)).Single().State);
    }

    [Fact]
    public async Task Seats_of_a_public_event_are_shared_with_members_and_the_waiting_list_promotes_an_outsider()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA, capacity: 1, audience: LiveEventAudience.PublicTeachers);
        var (memberId, member) = await scenario.AttendeeAsync(cluster.NodeA, name: "Seated member");
        var (outsiderId, outsider) = await scenario.OutsiderAsync(cluster.NodeB);
        var promotions = new EventRecorder<LiveRegistrationEvent>();
        outsider.LiveRegistrationChanged += promotions.Record;

        var waiting = await outsider.RegisterForLiveEventAsync(scenario.Id, scenario.EventId);
        var noSeat = await Refusal(() => outsider.JoinLiveEventAsync(scenario.Id, scenario.EventId));
        var waitingListed = (await outsider.ListPublicLiveEventsAsync()).Single(e => e.EventId == scenario.EventId).MyRegistration;
        await member.CancelLiveEventRegistrationAsync(scenario.Id, scenario.EventId);
        var promoted = await promotions.WaitForAsync(r => r.Registration.EventId == scenario.EventId);
        var listed = Assert.Single(await outsider.ListPublicLiveEventsAsync(), e => e.EventId == scenario.EventId);
        var cancelled = await outsider.CancelLiveEventRegistrationAsync(scenario.Id, scenario.EventId);

        Assert.Equal((LiveRegistrationStatus.Waitlisted, 1), (waiting.Status, waiting.WaitlistPosition));
        Assert.Equal("forbidden", noSeat.Code);
        Assert.Equal((LiveRegistrationStatus.Waitlisted, 1), (waitingListed?.Status, waitingListed?.WaitlistPosition));
        Assert.Equal(LiveRegistrationStatus.Registered, listed.MyRegistration?.Status);
        Assert.Equal((outsiderId, LiveRegistrationStatus.Registered), (promoted.Registration.AccountId, promoted.Registration.Status));
        Assert.Equal((0, 0), (listed.SeatsLeft, listed.WaitlistCount));
        Assert.Equal(LiveRegistrationStatus.Cancelled, cancelled!.Status);
        Assert.NotEqual(memberId, outsiderId);
    }

    [Fact]
    public async Task Pupils_are_anonymous_to_outsiders_in_hands_questions_and_the_leaderboard_while_members_see_their_names()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA, audience: LiveEventAudience.PublicTeachers);
        await scenario.StartWithHostInsideAsync();
        var (pupilId, pupil) = await scenario.AttendeeAsync(cluster.NodeA, TwinSpaceRole.Pupil, "Lina Sousa", "PT");
        var (_, outsider) = await scenario.RegisteredOutsiderAsync(cluster.NodeB);
        var hands = new EventRecorder<LiveHandsEvent>();
        var questions = new EventRecorder<LiveQuestionEvent>();
        var boards = new EventRecorder<LiveLeaderboardEvent>();
        outsider.LiveHandsChanged += hands.Record;
        outsider.LiveQuestionChanged += questions.Record;
        outsider.LiveLeaderboardChanged += boards.Record;
        await outsider.JoinLiveEventAsync(scenario.Id, scenario.EventId);
        Assert.True((await pupil.JoinLiveEventAsync(scenario.Id, scenario.EventId)).Admitted);

        await pupil.RaiseLiveHandAsync(scenario.Id, scenario.EventId);
        var asked = await pupil.AskLiveQuestionAsync(scenario.Id, scenario.EventId, "Can we visit your river?");
        var quiz = await scenario.Host.OpenLivePollAsync(scenario.Id, scenario.EventId,
            new OpenLivePollRequest(LivePollKind.Quiz, "Longest river of Portugal?", ["Tagus", "Douro"], CorrectOption: 0, TimeLimitSeconds: 60));
        await pupil.VoteInLivePollAsync(scenario.Id, scenario.EventId, quiz.Id, [0]);
        await scenario.Host.RevealLiveQuizAnswerAsync(scenario.Id, scenario.EventId, quiz.Id);

        var handSeen = await hands.WaitForAsync(h => h.Hands.Any(hand => hand.AccountId == pupilId));
        var questionSeen = await questions.WaitForAsync(q => q.Question.Id == asked.Id);
        var boardSeen = await boards.WaitForAsync(b => b.PollId == quiz.Id);
        var outsiderBoard = await outsider.GetLiveLeaderboardAsync(scenario.Id, scenario.EventId);
        var outsiderQuestions = await outsider.ListLiveQuestionsAsync(scenario.Id, scenario.EventId);
        var outsiderRejoin = await outsider.JoinLiveEventAsync(scenario.Id, scenario.EventId);
        var hostBoard = await scenario.Host.GetLiveLeaderboardAsync(scenario.Id, scenario.EventId);
        var hostQuestions = await scenario.Host.ListLiveQuestionsAsync(scenario.Id, scenario.EventId);

        const string Anonymous = "Pupil (PT)";
        Assert.Equal(Anonymous, handSeen.Hands.Single(h => h.AccountId == pupilId).DisplayName);
        Assert.Equal(Anonymous, questionSeen.Question.AuthorName);
        Assert.Equal(Anonymous, boardSeen.Leaderboard.Attendees.Single().Name);
        Assert.Equal(Anonymous, outsiderBoard.Attendees.Single().Name);
        Assert.Equal(Anonymous, outsiderQuestions.Single().AuthorName);
        Assert.Equal(Anonymous, outsiderRejoin.Hands.Single().DisplayName);
        Assert.Equal(Anonymous, outsiderRejoin.Questions.Single().AuthorName);
        Assert.Equal("Lina Sousa", hostBoard.Attendees.Single().Name);
        Assert.Equal("Lina Sousa", hostQuestions.Single().AuthorName);
        Assert.Equal("Lina Sousa", asked.AuthorName);
    }

    [Fact]
    public async Task Unvalidated_teachers_pupils_of_other_twinspaces_and_members_only_events_are_refused_with_stable_codes()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA, audience: LiveEventAudience.PublicTeachers);
        await using var membersOnly = await LiveEventScenario.CreateAsync(cluster.NodeB);
        var (_, unvalidated) = await scenario.OutsiderAsync(cluster.NodeB, validated: false);
        var (_, outsider) = await scenario.OutsiderAsync(cluster.NodeA);
        var (_, pupil) = await membersOnly.MemberAsync(cluster.NodeB, TwinSpaceRole.Pupil, "Stranger");

        var unvalidatedList = await Refusal(unvalidated.ListPublicLiveEventsAsync);
        var unvalidatedRegister = await Refusal(() => unvalidated.RegisterForLiveEventAsync(scenario.Id, scenario.EventId));
        var pupilList = await Refusal(pupil.ListPublicLiveEventsAsync);
        var pupilRegister = await Refusal(() => pupil.RegisterForLiveEventAsync(scenario.Id, scenario.EventId));
        var pupilJoin = await Refusal(() => pupil.JoinLiveEventAsync(scenario.Id, scenario.EventId));
        var notPublic = await Refusal(() => outsider.RegisterForLiveEventAsync(membersOnly.Id, membersOnly.EventId));
        var notPublicJoin = await Refusal(() => outsider.JoinLiveEventAsync(membersOnly.Id, membersOnly.EventId));
        var noSuchEvent = await Refusal(() => outsider.RegisterForLiveEventAsync(scenario.Id, "nosuchevent"));

        Assert.Equal("Public events are open to validated teacher accounts only.", unvalidatedList.Message);
        Assert.Equal("Public events are open to validated teacher accounts only.", unvalidatedRegister.Message);
        Assert.StartsWith("Public events are for teachers", pupilList.Message);
        Assert.Equal("This login is only valid in its own TwinSpace.", pupilRegister.Message);
        Assert.Equal("This login is only valid in its own TwinSpace.", pupilJoin.Message);
        Assert.All([notPublic, notPublicJoin, noSuchEvent], r => Assert.Equal("This event is open to the members of its TwinSpace only.", r.Message));
        Assert.All([unvalidatedList, unvalidatedRegister, pupilList, pupilRegister, pupilJoin, notPublic, notPublicJoin, noSuchEvent],
            r => Assert.Equal("forbidden", r.Code));
        Assert.Equal(0, (await scenario.Host.ListLiveEventsAsync(scenario.Id)).Single().RegisteredCount);
        Assert.Equal(0, (await membersOnly.Host.ListLiveEventsAsync(membersOnly.Id)).Single().RegisteredCount);
    }

    private static Task<CollabHubException> Refusal(Func<Task> call) => Assert.ThrowsAsync<CollabHubException>(call);
}
