using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Infrastructure;

namespace ETwinning.Collab.Server.Tests.Storage.Contracts;

/// <summary>What every <see cref="ILiveEventStore"/> provider guarantees: exact seats, ordered waiting lists, one vote per account.</summary>
public abstract class LiveEventStoreContractTests : StoreContract<ILiveEventStore>
{
    private static readonly DateTime Start = new(2026, 5, 4, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Exactly_capacity_registrations_get_seats_when_two_hundred_register_at_once()
    {
        var liveEvent = await AddEventAsync(capacity: 50);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => Store.RegisterAsync(liveEvent.TwinSpaceId, Registration(liveEvent, $"attendee{i}", Start.AddSeconds(i))))));

        Assert.Equal(50, results.Count(r => r.Outcome == LiveRegistrationOutcome.Registered));
        Assert.Equal(150, results.Count(r => r.Outcome == LiveRegistrationOutcome.Waitlisted));
        Assert.Equal(Enumerable.Range(1, 150).Select(p => (long)p),
            results.Where(r => r.Outcome == LiveRegistrationOutcome.Waitlisted).Select(r => r.Registration!.WaitlistPosition).Order());
        var stored = (await Store.FindEventAsync(liveEvent.TwinSpaceId, liveEvent.Id))!;
        Assert.Equal((50, 150), (stored.RegisteredCount, stored.WaitlistCount));
        var registrations = await Store.RegistrationsAsync(liveEvent.TwinSpaceId, liveEvent.Id);
        Assert.Equal(50, registrations.Count(r => r.Status == LiveRegistrationStatus.Registered));
    }

    [Fact]
    public async Task Registering_twice_returns_the_stored_registration_and_takes_no_second_seat()
    {
        var liveEvent = await AddEventAsync(capacity: 2);

        var first = await Store.RegisterAsync(liveEvent.TwinSpaceId, Registration(liveEvent, "ana"));
        var again = await Store.RegisterAsync(liveEvent.TwinSpaceId, Registration(liveEvent, "ana"));

        Assert.Equal(LiveRegistrationOutcome.Registered, first.Outcome);
        Assert.Equal(LiveRegistrationOutcome.AlreadyRegistered, again.Outcome);
        Assert.Equal(1, (await Store.FindEventAsync(liveEvent.TwinSpaceId, liveEvent.Id))!.RegisteredCount);
    }

    [Fact]
    public async Task Cancelling_a_seat_promotes_the_waiting_list_in_arrival_order()
    {
        var liveEvent = await AddEventAsync(capacity: 1);
        await Store.RegisterAsync(liveEvent.TwinSpaceId, Registration(liveEvent, "seated"));
        await Store.RegisterAsync(liveEvent.TwinSpaceId, Registration(liveEvent, "second"));
        await Store.RegisterAsync(liveEvent.TwinSpaceId, Registration(liveEvent, "third"));

        var first = await Store.CancelRegistrationAsync(liveEvent.TwinSpaceId, liveEvent.Id, "seated");
        var next = await Store.CancelRegistrationAsync(liveEvent.TwinSpaceId, liveEvent.Id, "second");
        var nothing = await Store.CancelRegistrationAsync(liveEvent.TwinSpaceId, liveEvent.Id, "second");

        Assert.Equal(("seated", "second"), (first.Cancelled!.AccountId, first.Promoted!.AccountId));
        Assert.Equal(("second", "third"), (next.Cancelled!.AccountId, next.Promoted!.AccountId));
        Assert.Null(nothing.Cancelled);
        var stored = (await Store.FindEventAsync(liveEvent.TwinSpaceId, liveEvent.Id))!;
        Assert.Equal((1, 0), (stored.RegisteredCount, stored.WaitlistCount));
        var left = Assert.Single(await Store.RegistrationsAsync(liveEvent.TwinSpaceId, liveEvent.Id));
        Assert.Equal(("third", LiveRegistrationStatus.Registered), (left.AccountId, left.Status));
    }

    [Fact]
    public async Task Cancelling_from_the_waiting_list_frees_no_seat_and_a_cancelled_account_may_register_again()
    {
        var liveEvent = await AddEventAsync(capacity: 1);
        await Store.RegisterAsync(liveEvent.TwinSpaceId, Registration(liveEvent, "seated"));
        await Store.RegisterAsync(liveEvent.TwinSpaceId, Registration(liveEvent, "waiting"));

        var cancelled = await Store.CancelRegistrationAsync(liveEvent.TwinSpaceId, liveEvent.Id, "waiting");
        var back = await Store.RegisterAsync(liveEvent.TwinSpaceId, Registration(liveEvent, "waiting"));

        Assert.Null(cancelled.Promoted);
        Assert.Equal(LiveRegistrationOutcome.Waitlisted, back.Outcome);
        Assert.Equal(2, back.Registration!.WaitlistPosition);
        var stored = (await Store.FindEventAsync(liveEvent.TwinSpaceId, liveEvent.Id))!;
        Assert.Equal((1, 1), (stored.RegisteredCount, stored.WaitlistCount));
    }

    [Fact]
    public async Task An_ended_event_or_one_of_another_twinspace_takes_no_registration()
    {
        var liveEvent = await AddEventAsync(capacity: 5);
        var elsewhere = await Store.RegisterAsync(NewTwinSpaceId(), Registration(liveEvent, "stranger"));
        var ended = (await Store.TryReplaceEventAsync(liveEvent with { State = LiveEventState.Ended }, liveEvent.Version))!;

        var late = await Store.RegisterAsync(liveEvent.TwinSpaceId, Registration(liveEvent, "late"));

        Assert.Equal(LiveRegistrationOutcome.EventNotFound, elsewhere.Outcome);
        Assert.Equal(LiveRegistrationOutcome.EventNotFound, late.Outcome);
        Assert.Equal(2, ended.Version);
    }

    [Fact]
    public async Task Replacing_an_event_is_compare_and_set_and_keeps_the_seat_counters()
    {
        var liveEvent = await AddEventAsync(capacity: 3);
        await Store.RegisterAsync(liveEvent.TwinSpaceId, Registration(liveEvent, "ana"));

        var started = await Store.TryReplaceEventAsync(liveEvent with { State = LiveEventState.Live, RegisteredCount = 0 }, 1);
        var stale = await Store.TryReplaceEventAsync(liveEvent with { Title = "Stale" }, 1);

        Assert.NotNull(started);
        Assert.Null(stale);
        var stored = (await Store.FindEventAsync(liveEvent.TwinSpaceId, liveEvent.Id))!;
        Assert.Equal((LiveEventState.Live, 1, 2L, "Water quiz"), (stored.State, stored.RegisteredCount, stored.Version, stored.Title));
    }

    [Fact]
    public async Task Votes_count_once_per_account_under_concurrent_retries_and_second_votes()
    {
        var liveEvent = await AddEventAsync(capacity: 500);
        var poll = await Store.AddPollAsync(liveEvent.TwinSpaceId, Poll(liveEvent));

        // 100 accounts; each sends its vote three times (retries) and once more from another tab with another choice.
        var attempts = Enumerable.Range(0, 100).SelectMany(i => new[]
        {
            Vote(poll, $"voter{i}", $"tab-a-{i}", i % 3), Vote(poll, $"voter{i}", $"tab-a-{i}", i % 3),
            Vote(poll, $"voter{i}", $"tab-a-{i}", i % 3), Vote(poll, $"voter{i}", $"tab-b-{i}", (i + 1) % 3),
        });
        var results = await Task.WhenAll(attempts.Select(vote => Task.Run(() => Store.CastVoteAsync(liveEvent.TwinSpaceId, vote))));

        Assert.Equal(100, results.Count(r => r.Outcome == LiveVoteOutcome.Counted));
        var stored = (await Store.FindPollAsync(liveEvent.TwinSpaceId, poll.Id))!;
        Assert.Equal(100, stored.Voters);
        Assert.Equal(100, stored.Tally.Sum());
        var votes = await Store.VotesAsync(liveEvent.TwinSpaceId, poll.Id);
        Assert.Equal(100, votes.Select(v => v.AccountId).Distinct().Count());
        Assert.Equal(votes.GroupBy(v => v.Choices.Single()).OrderBy(g => g.Key).Select(g => g.Count()), stored.Tally.Where(c => c > 0));
        Assert.All(results.Where(r => r.Outcome != LiveVoteOutcome.Counted),
            r => Assert.Contains(r.Outcome, new[] { LiveVoteOutcome.Repeated, LiveVoteOutcome.AlreadyVoted }));
    }

    [Fact]
    public async Task A_retry_returns_the_stored_vote_and_a_second_vote_is_refused()
    {
        var liveEvent = await AddEventAsync(capacity: 5);
        var poll = await Store.AddPollAsync(liveEvent.TwinSpaceId, Poll(liveEvent));

        var first = await Store.CastVoteAsync(liveEvent.TwinSpaceId, Vote(poll, "ana", "c1", 0));
        var retry = await Store.CastVoteAsync(liveEvent.TwinSpaceId, Vote(poll, "ana", "c1", 0));
        var other = await Store.CastVoteAsync(liveEvent.TwinSpaceId, Vote(poll, "ana", "c2", 1));

        Assert.Equal(LiveVoteOutcome.Counted, first.Outcome);
        Assert.Equal((LiveVoteOutcome.Repeated, 0), (retry.Outcome, retry.Vote!.Choices.Single()));
        Assert.Equal((LiveVoteOutcome.AlreadyVoted, 0), (other.Outcome, other.Vote!.Choices.Single()));
        Assert.Equal([1, 0, 0], (await Store.FindPollAsync(liveEvent.TwinSpaceId, poll.Id))!.Tally);
    }

    [Fact]
    public async Task A_closed_poll_or_a_vote_after_the_timer_is_refused_and_closing_keeps_the_tally()
    {
        var liveEvent = await AddEventAsync(capacity: 5);
        var quiz = await Store.AddPollAsync(liveEvent.TwinSpaceId, Poll(liveEvent) with { Kind = LivePollKind.Quiz, ClosesAt = Start.AddSeconds(20) });
        await Store.CastVoteAsync(liveEvent.TwinSpaceId, Vote(quiz, "in-time", "c", 2) with { At = Start.AddSeconds(20) });

        var late = await Store.CastVoteAsync(liveEvent.TwinSpaceId, Vote(quiz, "late", "c", 2) with { At = Start.AddSeconds(21) });
        var closed = (await Store.TryReplacePollAsync(liveEvent.TwinSpaceId, quiz with { ClosedAt = Start.AddSeconds(5) }, quiz.Version))!;
        var afterClose = await Store.CastVoteAsync(liveEvent.TwinSpaceId, Vote(quiz, "after", "c", 1) with { At = Start.AddSeconds(6) });

        Assert.Equal(LiveVoteOutcome.Closed, late.Outcome);
        Assert.Equal(LiveVoteOutcome.Closed, afterClose.Outcome);
        Assert.Equal([0, 0, 1], closed.Tally);
        Assert.Equal(1, closed.Voters);
        Assert.Single(await Store.EventVotesAsync(liveEvent.TwinSpaceId, liveEvent.Id));
    }

    [Fact]
    public async Task Upvotes_count_each_account_once_and_questions_keep_their_state()
    {
        var liveEvent = await AddEventAsync(capacity: 5);
        var question = new LiveQuestion
        {
            Id = Ids.New(), EventId = liveEvent.Id, AuthorId = "ana", AuthorName = "Ana", Text = "Why is the sea salty?", AskedAt = Start,
        };
        await Store.AddQuestionAsync(liveEvent.TwinSpaceId, question);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Store.SetUpvoteAsync(liveEvent.TwinSpaceId, question.Id, $"fan{i % 5}", true)));
        await Store.SetUpvoteAsync(liveEvent.TwinSpaceId, question.Id, "fan0", false);
        var answered = await Store.SetQuestionStateAsync(liveEvent.TwinSpaceId, question.Id, LiveQuestionState.Answered);

        Assert.Equal(4, answered!.UpvoterIds.Count);
        Assert.Equal(LiveQuestionState.Answered, Assert.Single(await Store.QuestionsAsync(liveEvent.TwinSpaceId, liveEvent.Id)).State);
        Assert.Null(await Store.SetQuestionStateAsync(liveEvent.TwinSpaceId, Ids.New(), LiveQuestionState.Hidden));
    }

    [Fact]
    public async Task Attendance_stretches_end_once_and_survive_a_restart()
    {
        var liveEvent = await AddEventAsync(capacity: 5);
        var stretch = new LiveAttendance { Id = Ids.New(), EventId = liveEvent.Id, AccountId = "ana", DisplayName = "Ana", JoinedAt = Start };
        await Store.AddAttendanceAsync(liveEvent.TwinSpaceId, stretch);

        await Store.EndAttendanceAsync(liveEvent.TwinSpaceId, stretch.Id, Start.AddMinutes(30));
        await Store.EndAttendanceAsync(liveEvent.TwinSpaceId, stretch.Id, Start.AddMinutes(45));
        await RestartAsync();

        var stored = Assert.Single(await Store.AttendanceAsync(liveEvent.TwinSpaceId, liveEvent.Id));
        Assert.Equal(Start.AddMinutes(30), stored.LeftAt);
        Assert.Equal("Water quiz", Assert.Single(await Store.EventsAsync(liveEvent.TwinSpaceId)).Title);
    }

    [Fact]
    public async Task Supervising_stretches_count_on_the_event_in_and_out_once_and_event_changes_keep_the_count()
    {
        var liveEvent = await AddEventAsync(capacity: 5);
        LiveAttendance Stretch(string account, bool supervises) => new()
        {
            Id = Ids.New(), EventId = liveEvent.Id, AccountId = account, DisplayName = account, Supervises = supervises, JoinedAt = Start,
        };
        var teacher = Stretch("teacher", supervises: true);
        var pupil = Stretch("pupil", supervises: false);

        var afterTeacher = await Store.AddAttendanceAsync(liveEvent.TwinSpaceId, teacher);
        var afterPupil = await Store.AddAttendanceAsync(liveEvent.TwinSpaceId, pupil);
        await Store.TryReplaceEventAsync(liveEvent with { State = LiveEventState.Live }, liveEvent.Version);
        var left = await Store.EndAttendanceAsync(liveEvent.TwinSpaceId, teacher.Id, Start.AddMinutes(5));
        var leftAgain = await Store.EndAttendanceAsync(liveEvent.TwinSpaceId, teacher.Id, Start.AddMinutes(6));

        Assert.Equal(1, afterTeacher!.SupervisorsPresent);
        Assert.Equal(1, afterPupil!.SupervisorsPresent);
        Assert.Equal((0, LiveEventState.Live), (left!.SupervisorsPresent, left.State));
        Assert.Null(leftAgain);
        Assert.Equal(0, (await Store.FindEventAsync(liveEvent.TwinSpaceId, liveEvent.Id))!.SupervisorsPresent);
    }

    [Fact]
    public async Task Open_supervision_lists_the_supervising_stretches_not_yet_ended_with_their_node()
    {
        var liveEvent = await AddEventAsync(capacity: 5);
        var other = await AddEventAsync(capacity: 5);
        LiveAttendance Stretch(string eventId, string account, bool supervises, string node) => new()
        {
            Id = Ids.New(), EventId = eventId, AccountId = account, DisplayName = account, Supervises = supervises, NodeId = node, JoinedAt = Start,
        };
        var present = Stretch(liveEvent.Id, "teacher", supervises: true, "node-1");
        var gone = Stretch(liveEvent.Id, "teacher2", supervises: true, "node-2");
        await Store.AddAttendanceAsync(liveEvent.TwinSpaceId, present);
        await Store.AddAttendanceAsync(liveEvent.TwinSpaceId, gone);
        await Store.AddAttendanceAsync(liveEvent.TwinSpaceId, Stretch(liveEvent.Id, "pupil", supervises: false, "node-1"));
        await Store.AddAttendanceAsync(other.TwinSpaceId, Stretch(other.Id, "teacher3", supervises: true, "node-1"));
        await Store.EndAttendanceAsync(liveEvent.TwinSpaceId, gone.Id, Start.AddMinutes(5));

        var open = Assert.Single(await Store.OpenSupervisionAsync(liveEvent.TwinSpaceId, liveEvent.Id));

        Assert.Equal((present.Id, "teacher", "node-1"), (open.Id, open.AccountId, open.NodeId));
    }

    [Fact]
    public async Task Public_events_of_every_twinspace_are_listed_by_start_until_they_end()
    {
        var later = await Store.AddEventAsync((await AddEventAsync(capacity: 5)) with
            { Id = Ids.New(), TwinSpaceId = NewTwinSpaceId(), Audience = LiveEventAudience.PublicTeachers, StartsAt = Start.AddDays(2) });
        var sooner = await Store.AddEventAsync((await AddEventAsync(capacity: 5)) with
            { Id = Ids.New(), TwinSpaceId = NewTwinSpaceId(), Audience = LiveEventAudience.PublicTeachers, StartsAt = Start.AddDays(1) });
        var ended = await Store.AddEventAsync((await AddEventAsync(capacity: 5)) with
            { Id = Ids.New(), Audience = LiveEventAudience.PublicTeachers });
        await Store.TryReplaceEventAsync(ended with { State = LiveEventState.Ended, EndedAt = Start }, ended.Version);
        var membersOnly = await AddEventAsync(capacity: 5);

        var listed = (await Store.PublicEventsAsync()).Select(e => e.Id).ToList();

        Assert.Equal([sooner.Id, later.Id], listed.Where(id => id == sooner.Id || id == later.Id));
        Assert.DoesNotContain(ended.Id, listed);
        Assert.DoesNotContain(membersOnly.Id, listed);
    }

    [Fact]
    public async Task The_public_listing_follows_seats_audience_changes_and_the_end_of_an_event()
    {
        var opened = await AddEventAsync(capacity: 1);
        var madePublic = await Store.TryReplaceEventAsync(opened with { Audience = LiveEventAudience.PublicTeachers }, opened.Version);
        await Store.RegisterAsync(opened.TwinSpaceId, Registration(opened, "a"));
        await Store.RegisterAsync(opened.TwinSpaceId, Registration(opened, "b"));
        var seatsTaken = Assert.Single(await Store.PublicEventsAsync(), e => e.Id == opened.Id);
        await Store.CancelRegistrationAsync(opened.TwinSpaceId, opened.Id, "a");
        var promoted = Assert.Single(await Store.PublicEventsAsync(), e => e.Id == opened.Id);
        var current = (await Store.FindEventAsync(opened.TwinSpaceId, opened.Id))!;
        var closedAgain = await Store.TryReplaceEventAsync(current with { Audience = LiveEventAudience.Members }, current.Version);
        var afterClosing = await Store.PublicEventsAsync();
        var reopened = await Store.TryReplaceEventAsync(closedAgain! with { Audience = LiveEventAudience.PublicTeachers, Title = "Renamed" }, closedAgain.Version);
        var renamed = Assert.Single(await Store.PublicEventsAsync(), e => e.Id == opened.Id);
        await Store.TryReplaceEventAsync(reopened! with { State = LiveEventState.Ended, EndedAt = Start }, reopened.Version);

        Assert.NotNull(madePublic);
        Assert.Equal((1, 1), (seatsTaken.RegisteredCount, seatsTaken.WaitlistCount));
        Assert.Equal((1, 0), (promoted.RegisteredCount, promoted.WaitlistCount));
        Assert.DoesNotContain(afterClosing, e => e.Id == opened.Id);
        Assert.Equal("Renamed", renamed.Title);
        Assert.DoesNotContain(await Store.PublicEventsAsync(), e => e.Id == opened.Id);
    }

    private async Task<LiveEvent> AddEventAsync(int capacity) =>
        await Store.AddEventAsync(new LiveEvent
        {
            Id = Ids.New(), TwinSpaceId = NewTwinSpaceId(), Title = "Water quiz", StartsAt = Start, DurationMinutes = 60,
            TimeZone = "Europe/Lisbon", Capacity = capacity, CreatedBy = "host", CreatedAt = Start.AddDays(-1), HostIds = ["host"],
        });

    private static LiveRegistration Registration(LiveEvent liveEvent, string accountId, DateTime? at = null) => new()
    {
        Id = LiveRegistration.KeyOf(liveEvent.Id, accountId), EventId = liveEvent.Id, AccountId = accountId, DisplayName = accountId,
        RegisteredAt = at ?? Start,
    };

    private static LivePoll Poll(LiveEvent liveEvent) => new()
    {
        Id = Ids.New(), EventId = liveEvent.Id, Question = "Which river is longest?", Options = ["Tagus", "Danube", "Vistula"], OpenedAt = Start,
    };

    private static LiveVote Vote(LivePoll poll, string accountId, string clientId, int choice) => new()
    {
        Id = LiveVote.KeyOf(poll.Id, accountId), EventId = poll.EventId, PollId = poll.Id, AccountId = accountId, ClientId = clientId,
        Choices = [choice], At = Start.AddSeconds(1),
    };
}
