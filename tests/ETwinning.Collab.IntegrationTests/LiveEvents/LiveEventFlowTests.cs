using System.Net;
using System.Net.Http.Headers;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.LiveEvents;

/// <summary>An event from start to finish: quiz with leaderboard, Q&amp;A, hands, presenters, reports and summary.</summary>
[Collection(LiveEventCollection.Name)]
public sealed class LiveEventFlowTests(LiveEventCluster cluster)
{
    [Fact]
    public async Task A_revealed_quiz_scores_by_speed_and_ranks_attendees_schools_and_countries()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        var (fastId, fast) = await scenario.AttendeeAsync(cluster.NodeA, name: "Fast", country: "PT");
        var (_, wrong) = await scenario.AttendeeAsync(cluster.NodeB, name: "Wrong", country: "PL");
        var boards = new EventRecorder<LiveLeaderboardEvent>();
        wrong.LiveLeaderboardChanged += boards.Record;
        await wrong.JoinLiveEventAsync(scenario.Id, scenario.EventId);
        var quiz = await scenario.Host.OpenLivePollAsync(scenario.Id, scenario.EventId,
            new OpenLivePollRequest(LivePollKind.Quiz, "Longest river of Europe?", ["Volga", "Danube"], CorrectOption: 0, TimeLimitSeconds: 60));

        Assert.Null(quiz.CorrectOption);
        await fast.VoteInLivePollAsync(scenario.Id, scenario.EventId, quiz.Id, [0]);
        await wrong.VoteInLivePollAsync(scenario.Id, scenario.EventId, quiz.Id, [1]);
        var before = await fast.GetLiveLeaderboardAsync(scenario.Id, scenario.EventId);
        await scenario.Host.RevealLiveQuizAnswerAsync(scenario.Id, scenario.EventId, quiz.Id);

        var board = (await boards.WaitForAsync(b => b.PollId == quiz.Id)).Leaderboard;
        Assert.Empty(before.Attendees);
        Assert.Equal(fastId, board.Attendees[0].Key);
        Assert.InRange(board.Attendees[0].Points, 500, 1_000);
        Assert.Equal(0, board.Attendees[1].Points);
        Assert.Equal(["PT", "PL"], board.Countries.Select(c => c.Name));
        Assert.Equal(["Fast", "Wrong"], board.Schools.Select(s => s.Name));
        var summary = await wrong.GetLiveEventSummaryAsync(scenario.Id, scenario.EventId);
        Assert.Equal(0, summary.Polls.Single().CorrectOption);
    }

    [Fact]
    public async Task Anonymous_questions_hide_their_author_from_attendees_upvotes_count_once_and_hidden_ones_leave_the_list()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        var (askerId, asker) = await scenario.AttendeeAsync(cluster.NodeA, name: "Shy");
        var (_, fan) = await scenario.AttendeeAsync(cluster.NodeB, name: "Fan");
        var seen = new EventRecorder<LiveQuestionEvent>();
        fan.LiveQuestionChanged += seen.Record;
        await fan.JoinLiveEventAsync(scenario.Id, scenario.EventId);

        var asked = await asker.AskLiveQuestionAsync(scenario.Id, scenario.EventId, "Is the river water clean?", anonymous: true);
        var broadcast = await seen.WaitForAsync(q => q.Question.Id == asked.Id);
        await fan.UpvoteLiveQuestionAsync(scenario.Id, scenario.EventId, asked.Id);
        var upvoted = await fan.UpvoteLiveQuestionAsync(scenario.Id, scenario.EventId, asked.Id);
        var hostView = (await scenario.Host.ListLiveQuestionsAsync(scenario.Id, scenario.EventId)).Single();
        var spam = await fan.AskLiveQuestionAsync(scenario.Id, scenario.EventId, "Buy my stickers");
        await scenario.Host.SetLiveQuestionStateAsync(scenario.Id, scenario.EventId, spam.Id, LiveQuestionState.Hidden);
        await scenario.Host.SetLiveQuestionStateAsync(scenario.Id, scenario.EventId, asked.Id, LiveQuestionState.Answered);

        Assert.Null(broadcast.Question.AuthorId);
        Assert.Equal(1, upvoted.Upvotes);
        Assert.Equal(askerId, hostView.AuthorId);
        var attendeeList = await asker.ListLiveQuestionsAsync(scenario.Id, scenario.EventId);
        Assert.Equal(LiveQuestionState.Answered, Assert.Single(attendeeList).State);
        Assert.Equal(2, (await scenario.Host.ListLiveQuestionsAsync(scenario.Id, scenario.EventId)).Count);
    }

    [Fact]
    public async Task Hands_queue_in_order_and_a_promoted_attendee_becomes_a_presenter()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        var (firstId, first) = await scenario.AttendeeAsync(cluster.NodeA, name: "First");
        var (secondId, second) = await scenario.AttendeeAsync(cluster.NodeB, name: "Second");

        await first.RaiseLiveHandAsync(scenario.Id, scenario.EventId);
        var queue = await second.RaiseLiveHandAsync(scenario.Id, scenario.EventId);
        var promoted = await scenario.Host.PromoteLivePresenterAsync(scenario.Id, scenario.EventId, firstId);
        var joined = await first.JoinLiveEventAsync(scenario.Id, scenario.EventId);

        Assert.Equal([firstId, secondId], queue.Select(h => h.AccountId));
        Assert.Contains(firstId, promoted.PresenterIds);
        Assert.Equal(LiveEventRole.Presenter, joined.Role);
        Assert.Equal([secondId], joined.Hands.Select(h => h.AccountId));
    }

    [Fact]
    public async Task After_the_event_hosts_download_attendance_and_results_and_everyone_gets_the_calendar_file()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        var (_, attendee) = await scenario.AttendeeAsync(cluster.NodeB, name: "Certified, Ana");
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        await attendee.JoinLiveEventAsync(scenario.Id, scenario.EventId);
        var poll = await scenario.Host.OpenLivePollAsync(scenario.Id, scenario.EventId,
            new OpenLivePollRequest(LivePollKind.Poll, "Did you like it?", ["Yes", "No"], Anonymous: false));
        await attendee.VoteInLivePollAsync(scenario.Id, scenario.EventId, poll.Id, [0]);
        await attendee.LeaveLiveEventAsync(scenario.Id, scenario.EventId);
        await scenario.Host.EndLiveEventAsync(scenario.Id, scenario.EventId);

        var attendance = await GetAsync(scenario, "attendance.csv", scenario.Space.Founder.AccessToken);
        var results = await GetAsync(scenario, "results.csv", scenario.Space.Founder.AccessToken);
        var calendar = await GetAsync(scenario, "calendar.ics", scenario.Space.Founder.AccessToken);

        Assert.Contains("\"Certified, Ana\"", await attendance.Content.ReadAsStringAsync());
        var resultText = await results.Content.ReadAsStringAsync();
        Assert.Contains("Did you like it?", resultText);
        Assert.Contains("\"Certified, Ana\"", resultText);
        Assert.Equal("text/calendar", calendar.Content.Headers.ContentType!.MediaType);
        Assert.Contains("SUMMARY:River quiz", await calendar.Content.ReadAsStringAsync());
        var summary = await attendee.GetLiveEventSummaryAsync(scenario.Id, scenario.EventId);
        Assert.Equal((LiveEventState.Ended, 1), (summary.Event.State, summary.Polls.Single().Voters));
    }

    [Fact]
    public async Task Members_read_back_their_own_seat_and_waiting_place_and_see_the_promotion_after_a_cancellation()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA, capacity: 1);
        var (_, seated) = await scenario.AttendeeAsync(cluster.NodeA, name: "Seated");
        var (waitingId, waiting) = await scenario.AttendeeAsync(cluster.NodeB, name: "Waiting");
        var (_, stranger) = await scenario.MemberAsync(cluster.NodeB, name: "Not registered");

        var whileWaiting = (await waiting.ListMyLiveEventRegistrationsAsync(scenario.Id)).Single();
        await seated.CancelLiveEventRegistrationAsync(scenario.Id, scenario.EventId);
        var afterCancel = (await waiting.ListMyLiveEventRegistrationsAsync(scenario.Id)).Single();

        Assert.Equal((waitingId, LiveRegistrationStatus.Waitlisted, 1), (whileWaiting.AccountId, whileWaiting.Status, whileWaiting.WaitlistPosition));
        Assert.Equal((LiveRegistrationStatus.Registered, (int?)null), (afterCancel.Status, afterCancel.WaitlistPosition));
        Assert.Empty(await seated.ListMyLiveEventRegistrationsAsync(scenario.Id));
        Assert.Empty(await stranger.ListMyLiveEventRegistrationsAsync(scenario.Id));
    }

    [Fact]
    public async Task An_attendee_may_not_download_the_reports()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA);
        var teacher = await scenario.Space.AddTeacherAsync();
        await teacher.Hub.RegisterForLiveEventAsync(scenario.Id, scenario.EventId);

        var results = await GetAsync(scenario, "results.csv", teacher.Tokens.AccessToken);

        Assert.Equal(HttpStatusCode.Forbidden, results.StatusCode);
    }

    private static async Task<HttpResponseMessage> GetAsync(LiveEventScenario scenario, string file, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/twinspaces/{scenario.Id}/live-events/{scenario.EventId}/{file}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await scenario.Space.Server.Http.SendAsync(request);
    }
}
