using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// The rules of a live event in one place: its states (scheduled = lobby, live, ended) and what each allows, who is
/// admitted from the lobby, when polls and quiz answers count, and what a quiz answer earns. It holds no state of its
/// own: every decision is taken on the records as stored (so every node decides alike) and on the injected clock.
/// Refusals carry stable codes; the service turns decisions into writes.
/// </summary>
public sealed class LiveEventStateMachine(TimeProvider clock, IOptions<LiveEventOptions> options)
{
    private readonly LiveEventOptions _options = options.Value;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Lobby rules: hosts are in from <see cref="LiveEventOptions.HostEarlyEntryMinutes"/> before the start (or as soon as
    /// it is live); attendees wait until a host starts; those who need supervision (pupils) wait, even while live, until a
    /// supervising teacher of the TwinSpace is present. Nobody enters an ended event.
    /// </summary>
    public LiveAdmission Admit(LiveEvent liveEvent, LiveParticipant participant, bool supervisorPresent)
    {
        if (liveEvent.State == LiveEventState.Ended)
            throw CollabException.Conflict("This event has ended.").WithKey("LiveEvent_Ended");
        if (participant.CanHost)
        {
            if (liveEvent.State == LiveEventState.Live || Now >= liveEvent.StartsAt.AddMinutes(-_options.HostEarlyEntryMinutes)) return LiveAdmission.In;
            throw CollabException.Conflict($"Hosts can enter {_options.HostEarlyEntryMinutes} minutes before the start.").WithKey("LiveEvent_TooEarly", _options.HostEarlyEntryMinutes);
        }
        if (liveEvent.State != LiveEventState.Live) return new(false, LiveAdmission.WaitingForHost);
        if (participant.NeedsSupervision && !supervisorPresent) return new(false, LiveAdmission.WaitingForTeacher);
        return LiveAdmission.In;
    }

    /// <summary>Refuses taking part (vote, ask, raise a hand) from the lobby.</summary>
    public void RequireAdmitted(LiveEvent liveEvent, LiveParticipant participant, bool supervisorPresent)
    {
        if (!Admit(liveEvent, participant, supervisorPresent).Admitted || liveEvent.State != LiveEventState.Live)
            throw CollabException.Conflict("You are in the lobby until the event runs.").WithKey("LiveEvent_InLobby");
    }

    public LiveEvent Start(LiveEvent liveEvent) => liveEvent.State switch
    {
        LiveEventState.Scheduled => liveEvent with { State = LiveEventState.Live, StartedAt = Now },
        LiveEventState.Live => liveEvent,
        _ => throw CollabException.Conflict("This event has ended.").WithKey("LiveEvent_Ended"),
    };

    public LiveEvent End(LiveEvent liveEvent) => liveEvent.State == LiveEventState.Ended
        ? liveEvent
        : liveEvent with { State = LiveEventState.Ended, EndedAt = Now, StartedAt = liveEvent.StartedAt ?? Now, Hands = [] };

    /// <summary>Raising twice keeps the first place in the queue.</summary>
    public LiveEvent RaiseHand(LiveEvent liveEvent, LiveParticipant participant) =>
        liveEvent.Hands.Any(h => h.AccountId == participant.AccountId)
            ? liveEvent
            : liveEvent with { Hands = [.. liveEvent.Hands, new LiveHand { AccountId = participant.AccountId, DisplayName = participant.DisplayName, RaisedAt = Now }] };

    public static LiveEvent LowerHand(LiveEvent liveEvent, string accountId) =>
        liveEvent with { Hands = liveEvent.Hands.Where(h => h.AccountId != accountId).ToList() };

    /// <summary>A promoted attendee presents from now on; their raised hand is answered.</summary>
    public static LiveEvent Promote(LiveEvent liveEvent, string accountId) => LowerHand(liveEvent, accountId) with
    {
        PresenterIds = liveEvent.PresenterIds.Contains(accountId) ? liveEvent.PresenterIds : [.. liveEvent.PresenterIds, accountId],
    };

    /// <summary>A new poll or quiz question, validated; only while the event is live.</summary>
    public LivePoll OpenPoll(LiveEvent liveEvent, OpenLivePollRequest request, string pollId)
    {
        RequireLive(liveEvent);
        var question = LiveText.Required(request.Question, "Question", _options.MaxPollTextCharacters);
        var choices = (request.Options ?? []).Select(option => LiveText.Required(option, "Option", _options.MaxPollTextCharacters)).ToList();
        if (choices.Count < 2 || choices.Count > _options.MaxPollOptions)
            throw CollabException.Invalid($"A poll has 2 to {_options.MaxPollOptions} options.").WithKey("LiveEvent_PollOptions", _options.MaxPollOptions);
        var quiz = request.Kind == LivePollKind.Quiz;
        if (quiz && (request.CorrectOption is not { } correct || correct < 0 || correct >= choices.Count))
            throw CollabException.Invalid("A quiz question names its correct option.").WithKey("LiveEvent_QuizAnswer");
        var seconds = request.TimeLimitSeconds ?? (quiz ? _options.DefaultQuizSeconds : (int?)null);
        if (seconds is < 1 || seconds > _options.MaxQuizSeconds)
            throw CollabException.Invalid($"A timer runs 1 to {_options.MaxQuizSeconds} seconds.").WithKey("LiveEvent_QuizTimer", _options.MaxQuizSeconds);
        var now = Now;
        return new LivePoll
        {
            Id = pollId,
            EventId = liveEvent.Id,
            Kind = request.Kind,
            Question = question,
            Options = choices,
            AllowMultiple = !quiz && request.AllowMultiple,
            Anonymous = request.Anonymous,
            CorrectOption = quiz ? request.CorrectOption : null,
            OpenedAt = now,
            ClosesAt = seconds is { } limit ? now.AddSeconds(limit) : null,
        };
    }

    /// <summary>The choices of a vote, validated against the poll (a quiz takes one answer).</summary>
    public static List<int> Choices(LivePoll poll, IReadOnlyList<int>? choices)
    {
        var chosen = (choices ?? []).ToList();
        if (chosen.Count == 0 || chosen.Distinct().Count() != chosen.Count || chosen.Any(c => c < 0 || c >= poll.Options.Count))
            throw CollabException.Invalid("Choose among the poll's options, each once.").WithKey("LiveEvent_VoteChoices");
        if (chosen.Count > 1 && !poll.AllowMultiple)
            throw CollabException.Invalid("This poll takes one choice.").WithKey("LiveEvent_VoteSingle");
        return chosen;
    }

    /// <summary>
    /// Why a vote was not counted, as the store saw the poll at the vote's time: after the quiz timer (<c>LiveEvent_TimeUp</c>)
    /// or after the host closed it early (<c>LiveEvent_PollClosed</c>).
    /// </summary>
    public static CollabException Refusal(LiveVoteOutcome outcome, LivePoll? poll, DateTime at) => outcome switch
    {
        LiveVoteOutcome.AlreadyVoted => CollabException.Conflict("You have voted in this poll already.").WithKey("LiveEvent_AlreadyVoted"),
        LiveVoteOutcome.Closed when poll is { ClosesAt: { } closesAt } && at > closesAt =>
            CollabException.Conflict("Time is up for this question.").WithKey("LiveEvent_TimeUp"),
        LiveVoteOutcome.Closed => CollabException.Conflict("This poll is closed.").WithKey("LiveEvent_PollClosed"),
        _ => CollabException.NotFound("No such poll in this event.").WithKey("LiveEvent_NoPoll"),
    };

    /// <summary>Closes the poll now (or at its timer, if that ran out first, so the stored close time is when answers stopped counting).</summary>
    public LivePoll Close(LivePoll poll)
    {
        if (poll.ClosedAt is not null) return poll;
        var now = Now;
        return poll with { ClosedAt = poll.ClosesAt is { } timer && timer < now ? timer : now };
    }

    /// <summary>Closes the poll at its timer: the close time is the timer's end even if the clock fired a moment early.</summary>
    public LivePoll CloseAtTimer(LivePoll poll) => poll.ClosedAt is not null || poll.ClosesAt is not { } timer ? Close(poll) : poll with { ClosedAt = timer };

    /// <summary>Reveals a quiz question's answer (closing it first).</summary>
    public LivePoll Reveal(LivePoll poll)
    {
        if (poll.Kind != LivePollKind.Quiz) throw CollabException.Invalid("Only quiz questions have an answer to reveal.").WithKey("LiveEvent_NotQuiz");
        return Close(poll) with { Revealed = true };
    }

    /// <summary>Points by speed: a correct answer at the opening earns the maximum, one as the timer ends half of it.</summary>
    public int PointsFor(LivePoll poll, IReadOnlyList<int> choices, DateTime at)
    {
        if (poll.Kind != LivePollKind.Quiz || poll.CorrectOption is not { } correct || choices.Count != 1 || choices[0] != correct) return 0;
        if (poll.ClosesAt is not { } closesAt || closesAt <= poll.OpenedAt) return _options.MaxQuizPoints;
        var share = Math.Clamp((at - poll.OpenedAt) / (closesAt - poll.OpenedAt), 0, 1);
        return (int)Math.Round(_options.MaxQuizPoints * (1 - share / 2), MidpointRounding.AwayFromZero);
    }

    public static void RequireLive(LiveEvent liveEvent)
    {
        if (liveEvent.State != LiveEventState.Live)
            throw CollabException.Conflict("The event is not running.").WithKey("LiveEvent_NotLive");
    }
}
