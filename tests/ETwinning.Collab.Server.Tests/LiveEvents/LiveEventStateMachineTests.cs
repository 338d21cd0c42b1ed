using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ETwinning.Collab.Server.Tests.LiveEvents;

public sealed class LiveEventStateMachineTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start.AddMinutes(-60));
    private readonly LiveEventStateMachine _machine;

    public LiveEventStateMachineTests() =>
        _machine = new(_clock, Options.Create(new LiveEventOptions { HostEarlyEntryMinutes = 30, MaxQuizPoints = 1_000, DefaultQuizSeconds = 20 }));

    private static readonly LiveParticipant Host = new("host", "Host", LiveEventRole.Host, CanHost: true, NeedsSupervision: false, Supervises: true, IsPupil: false);
    private static readonly LiveParticipant Teacher = new("t", "Teacher", LiveEventRole.Attendee, false, false, true, false);
    private static readonly LiveParticipant Pupil = new("p", "Pupil", LiveEventRole.Attendee, false, true, false, true);

    [Fact]
    public void Hosts_enter_early_but_not_too_early_and_attendees_wait_for_the_start()
    {
        var scheduled = Event();

        var tooEarly = Assert.Throws<CollabException>(() => _machine.Admit(scheduled, Host, false));
        _clock.Advance(TimeSpan.FromMinutes(31));
        var early = _machine.Admit(scheduled, Host, false);
        var waiting = _machine.Admit(scheduled, Teacher, true);

        Assert.Equal(ErrorCodes.Conflict, tooEarly.Code);
        Assert.True(early.Admitted);
        Assert.Equal((false, LiveAdmission.WaitingForHost), (waiting.Admitted, waiting.LobbyReason));
    }

    [Fact]
    public void Pupils_wait_in_a_running_event_until_a_supervising_teacher_is_present()
    {
        var live = _machine.Start(Event());

        Assert.Equal(LiveAdmission.WaitingForTeacher, _machine.Admit(live, Pupil, supervisorPresent: false).LobbyReason);
        Assert.True(_machine.Admit(live, Pupil, supervisorPresent: true).Admitted);
        Assert.True(_machine.Admit(live, Teacher, supervisorPresent: false).Admitted);
        Assert.Equal("LiveEvent_InLobby", Assert.Throws<CollabException>(() => _machine.RequireAdmitted(live, Pupil, false)).MessageKey);
    }

    [Fact]
    public void An_ended_event_admits_nobody_and_cannot_start_again()
    {
        var ended = _machine.End(_machine.Start(Event()));

        Assert.Equal(LiveEventState.Ended, ended.State);
        Assert.Equal("LiveEvent_Ended", Assert.Throws<CollabException>(() => _machine.Admit(ended, Host, true)).MessageKey);
        Assert.Equal("LiveEvent_Ended", Assert.Throws<CollabException>(() => _machine.Start(ended)).MessageKey);
    }

    [Fact]
    public void A_correct_quiz_answer_earns_more_the_faster_it_comes_and_a_wrong_one_nothing()
    {
        var quiz = _machine.OpenPoll(_machine.Start(Event()), Quiz(correct: 1, seconds: 20), "q");

        Assert.Equal(1_000, _machine.PointsFor(quiz, [1], quiz.OpenedAt));
        Assert.Equal(750, _machine.PointsFor(quiz, [1], quiz.OpenedAt.AddSeconds(10)));
        Assert.Equal(500, _machine.PointsFor(quiz, [1], quiz.OpenedAt.AddSeconds(20)));
        Assert.Equal(0, _machine.PointsFor(quiz, [0], quiz.OpenedAt));
    }

    [Fact]
    public void Votes_must_name_existing_options_once_and_single_choice_polls_take_one()
    {
        var poll = _machine.OpenPoll(_machine.Start(Event()), new OpenLivePollRequest(LivePollKind.Poll, "Best river?", ["Tagus", "Danube", "Vistula"]), "p");

        Assert.Equal([2], LiveEventStateMachine.Choices(poll, [2]));
        Assert.Equal("LiveEvent_VoteChoices", Assert.Throws<CollabException>(() => LiveEventStateMachine.Choices(poll, [3])).MessageKey);
        Assert.Equal("LiveEvent_VoteChoices", Assert.Throws<CollabException>(() => LiveEventStateMachine.Choices(poll, [])).MessageKey);
        Assert.Equal("LiveEvent_VoteSingle", Assert.Throws<CollabException>(() => LiveEventStateMachine.Choices(poll, [0, 1])).MessageKey);
        Assert.Equal([0, 1], LiveEventStateMachine.Choices(poll with { AllowMultiple = true }, [0, 1]));
    }

    [Fact]
    public void A_late_answer_is_time_up_and_a_vote_after_the_hosts_close_is_poll_closed()
    {
        var quiz = _machine.OpenPoll(_machine.Start(Event()), Quiz(correct: 0, seconds: 20), "q");
        var closedEarly = quiz with { ClosedAt = quiz.OpenedAt.AddSeconds(5) };

        Assert.Equal("LiveEvent_TimeUp", LiveEventStateMachine.Refusal(LiveVoteOutcome.Closed, quiz, quiz.OpenedAt.AddSeconds(21)).MessageKey);
        Assert.Equal("LiveEvent_PollClosed", LiveEventStateMachine.Refusal(LiveVoteOutcome.Closed, closedEarly, quiz.OpenedAt.AddSeconds(6)).MessageKey);
        Assert.Equal(ErrorCodes.Conflict, LiveEventStateMachine.Refusal(LiveVoteOutcome.AlreadyVoted, quiz, quiz.OpenedAt).Code);
    }

    [Fact]
    public void Closing_after_the_timer_ran_out_records_the_timer_as_the_close()
    {
        var quiz = _machine.OpenPoll(_machine.Start(Event()), Quiz(correct: 0, seconds: 20), "q");
        _clock.Advance(TimeSpan.FromSeconds(45));

        var closed = _machine.Reveal(quiz);

        Assert.Equal(quiz.ClosesAt, closed.ClosedAt);
        Assert.True(closed.Revealed);
        Assert.Equal(closed, _machine.Close(closed));
    }

    [Fact]
    public void Polls_open_only_while_live_with_valid_options_and_oversized_text_is_too_large()
    {
        var live = _machine.Start(Event());

        Assert.Equal("LiveEvent_NotLive", Assert.Throws<CollabException>(() => _machine.OpenPoll(Event(), Quiz(0, 10), "q")).MessageKey);
        Assert.Equal("LiveEvent_PollOptions", Assert.Throws<CollabException>(() =>
            _machine.OpenPoll(live, new OpenLivePollRequest(LivePollKind.Poll, "One?", ["Only"]), "p")).MessageKey);
        Assert.Equal("LiveEvent_QuizAnswer", Assert.Throws<CollabException>(() =>
            _machine.OpenPoll(live, new OpenLivePollRequest(LivePollKind.Quiz, "Which?", ["A", "B"], CorrectOption: 2), "q")).MessageKey);
        Assert.Equal(ErrorCodes.TooLarge, Assert.Throws<CollabException>(() =>
            _machine.OpenPoll(live, new OpenLivePollRequest(LivePollKind.Poll, new string('x', 301), ["A", "B"]), "p")).Code);
    }

    [Fact]
    public void A_raised_hand_keeps_its_place_and_a_promoted_attendee_presents_with_the_hand_answered()
    {
        var live = _machine.Start(Event());
        var first = _machine.RaiseHand(live, Teacher);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var both = _machine.RaiseHand(_machine.RaiseHand(first, Pupil), Teacher);

        var promoted = LiveEventStateMachine.Promote(both, Teacher.AccountId);

        Assert.Equal(["t", "p"], both.Hands.Select(h => h.AccountId));
        Assert.Equal(["p"], promoted.Hands.Select(h => h.AccountId));
        Assert.Contains("t", promoted.PresenterIds);
    }

    private static OpenLivePollRequest Quiz(int correct, int seconds) =>
        new(LivePollKind.Quiz, "Longest river?", ["Danube", "Tagus", "Vistula"], CorrectOption: correct, TimeLimitSeconds: seconds);

    private static LiveEvent Event() => new()
    {
        Id = "e", TwinSpaceId = "ts", Title = "Quiz", StartsAt = Start.UtcDateTime, DurationMinutes = 60, TimeZone = "Europe/Lisbon",
        Capacity = 10, CreatedBy = "host", HostIds = ["host"], Version = 1,
    };
}
