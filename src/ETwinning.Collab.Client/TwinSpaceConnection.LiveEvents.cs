using ETwinning.Collab.Client.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace ETwinning.Collab.Client;

public sealed partial class TwinSpaceConnection
{
    /// <summary>An event of a joined TwinSpace was created or changed.</summary>
    public event Action<LiveEventChangedEvent>? LiveEventChanged;

    /// <summary>The lobby of a joined event may let you in now: join it again.</summary>
    public event Action<LiveLobbyEvent>? LiveLobbyChanged;

    /// <summary>A poll or quiz question opened, closed or had its answer revealed.</summary>
    public event Action<LivePollEvent>? LivePollChanged;

    /// <summary>A poll's tally (coalesced while running; <see cref="LiveTallyEvent.Final"/> once closed).</summary>
    public event Action<LiveTallyEvent>? LiveTallyChanged;

    /// <summary>The quiz leaderboard after a revealed answer.</summary>
    public event Action<LiveLeaderboardEvent>? LiveLeaderboardChanged;

    /// <summary>A question was asked, upvoted, answered or hidden.</summary>
    public event Action<LiveQuestionEvent>? LiveQuestionChanged;

    /// <summary>The hand raise queue changed.</summary>
    public event Action<LiveHandsEvent>? LiveHandsChanged;

    /// <summary>Your registration changed (a seat freed for you).</summary>
    public event Action<LiveRegistrationEvent>? LiveRegistrationChanged;

    /// <summary>An event you host or hold a seat in starts soon (once per connection, <c>LiveEvents:ReminderMinutesBefore</c> ahead).</summary>
    public event Action<LiveEventReminderEvent>? LiveEventReminder;

    /// <summary>The TwinSpace's events by start time.</summary>
    public Task<IReadOnlyList<LiveEventView>> ListLiveEventsAsync(string twinSpaceId) =>
        InvokeAsync<IReadOnlyList<LiveEventView>>("ListLiveEvents", twinSpaceId);

    /// <summary>Creates an event (teacher administrators); the caller hosts it.</summary>
    public Task<LiveEventView> CreateLiveEventAsync(string twinSpaceId, CreateLiveEventRequest request) =>
        InvokeAsync<LiveEventView>("CreateLiveEvent", twinSpaceId, request);

    /// <summary>Takes a seat, or a place on the waiting list when none is free.</summary>
    public Task<LiveRegistrationView> RegisterForLiveEventAsync(string twinSpaceId, string eventId) =>
        InvokeAsync<LiveRegistrationView>("RegisterForLiveEvent", twinSpaceId, eventId);

    /// <summary>Gives the seat (or waiting list place) back; null when there was none.</summary>
    public Task<LiveRegistrationView?> CancelLiveEventRegistrationAsync(string twinSpaceId, string eventId) =>
        InvokeAsync<LiveRegistrationView?>("CancelLiveEventRegistration", twinSpaceId, eventId);

    /// <summary>The caller's own registrations (seats and waiting list places) in the TwinSpace's events.</summary>
    public Task<IReadOnlyList<LiveRegistrationView>> ListMyLiveEventRegistrationsAsync(string twinSpaceId) =>
        InvokeAsync<IReadOnlyList<LiveRegistrationView>>("ListMyLiveEventRegistrations", twinSpaceId);

    /// <summary>Seats then the waiting list in order (hosts).</summary>
    public Task<IReadOnlyList<LiveRegistrationView>> ListLiveEventRegistrationsAsync(string twinSpaceId, string eventId) =>
        InvokeAsync<IReadOnlyList<LiveRegistrationView>>("ListLiveEventRegistrations", twinSpaceId, eventId);

    /// <summary>Enters the event, or its lobby (<see cref="LiveEventJoined.Admitted"/> false); its events follow.</summary>
    public Task<LiveEventJoined> JoinLiveEventAsync(string twinSpaceId, string eventId) =>
        InvokeAsync<LiveEventJoined>("JoinLiveEvent", twinSpaceId, eventId);

    /// <summary>Leaves the event (its events stop).</summary>
    public Task LeaveLiveEventAsync(string twinSpaceId, string eventId) => InvokeAsync("LeaveLiveEvent", twinSpaceId, eventId);

    /// <summary>Starts the event (hosts): the lobby opens.</summary>
    public Task<LiveEventView> StartLiveEventAsync(string twinSpaceId, string eventId) =>
        InvokeAsync<LiveEventView>("StartLiveEvent", twinSpaceId, eventId);

    /// <summary>Ends the event (hosts).</summary>
    public Task<LiveEventView> EndLiveEventAsync(string twinSpaceId, string eventId) =>
        InvokeAsync<LiveEventView>("EndLiveEvent", twinSpaceId, eventId);

    /// <summary>Opens a poll or a quiz question (hosts).</summary>
    public Task<LivePollView> OpenLivePollAsync(string twinSpaceId, string eventId, OpenLivePollRequest request) =>
        InvokeAsync<LivePollView>("OpenLivePoll", twinSpaceId, eventId, request);

    /// <summary>Closes a poll (hosts); everyone gets the final tally.</summary>
    public Task<LivePollView> CloseLivePollAsync(string twinSpaceId, string eventId, string pollId) =>
        InvokeAsync<LivePollView>("CloseLivePoll", twinSpaceId, eventId, pollId);

    /// <summary>Reveals a quiz question's answer (hosts); returns the leaderboard everyone gets.</summary>
    public Task<LiveLeaderboard> RevealLiveQuizAnswerAsync(string twinSpaceId, string eventId, string pollId) =>
        InvokeAsync<LiveLeaderboard>("RevealLiveQuizAnswer", twinSpaceId, eventId, pollId);

    /// <summary>Votes or answers once; resending with the same <paramref name="clientId"/> is a safe retry.</summary>
    public Task<LiveVoteReceipt> VoteInLivePollAsync(string twinSpaceId, string eventId, string pollId, IReadOnlyList<int> choices, string? clientId = null) =>
        InvokeAsync<LiveVoteReceipt>("VoteInLivePoll", twinSpaceId, eventId, new LiveVoteRequest(pollId, choices, clientId ?? Guid.NewGuid().ToString("N")));

    /// <summary>The quiz leaderboard so far.</summary>
    public Task<LiveLeaderboard> GetLiveLeaderboardAsync(string twinSpaceId, string eventId) =>
        InvokeAsync<LiveLeaderboard>("GetLiveLeaderboard", twinSpaceId, eventId);

    /// <summary>Asks a question in the Q&amp;A.</summary>
    public Task<LiveQuestionView> AskLiveQuestionAsync(string twinSpaceId, string eventId, string text, bool anonymous = false) =>
        InvokeAsync<LiveQuestionView>("AskLiveQuestion", twinSpaceId, eventId, new AskLiveQuestionRequest(text, anonymous));

    /// <summary>Adds (or removes) the caller's upvote.</summary>
    public Task<LiveQuestionView> UpvoteLiveQuestionAsync(string twinSpaceId, string eventId, string questionId, bool upvote = true) =>
        InvokeAsync<LiveQuestionView>("UpvoteLiveQuestion", twinSpaceId, eventId, questionId, upvote);

    /// <summary>The event's questions (hidden ones for hosts only).</summary>
    public Task<IReadOnlyList<LiveQuestionView>> ListLiveQuestionsAsync(string twinSpaceId, string eventId) =>
        InvokeAsync<IReadOnlyList<LiveQuestionView>>("ListLiveQuestions", twinSpaceId, eventId);

    /// <summary>Marks a question answered, hides it, or opens it again (hosts).</summary>
    public Task<LiveQuestionView> SetLiveQuestionStateAsync(string twinSpaceId, string eventId, string questionId, LiveQuestionState state) =>
        InvokeAsync<LiveQuestionView>("SetLiveQuestionState", twinSpaceId, eventId, questionId, state);

    /// <summary>Raises the caller's hand; returns the queue.</summary>
    public Task<IReadOnlyList<LiveHandView>> RaiseLiveHandAsync(string twinSpaceId, string eventId) =>
        InvokeAsync<IReadOnlyList<LiveHandView>>("RaiseLiveHand", twinSpaceId, eventId);

    /// <summary>Lowers the caller's hand, or (hosts) another's.</summary>
    public Task<IReadOnlyList<LiveHandView>> LowerLiveHandAsync(string twinSpaceId, string eventId, string? accountId = null) =>
        InvokeAsync<IReadOnlyList<LiveHandView>>("LowerLiveHand", twinSpaceId, eventId, accountId);

    /// <summary>Makes a member a presenter (hosts).</summary>
    public Task<LiveEventView> PromoteLivePresenterAsync(string twinSpaceId, string eventId, string accountId) =>
        InvokeAsync<LiveEventView>("PromoteLivePresenter", twinSpaceId, eventId, accountId);

    /// <summary>What the event left in the TwinSpace: polls with results, questions, leaderboard.</summary>
    public Task<LiveEventSummary> GetLiveEventSummaryAsync(string twinSpaceId, string eventId) =>
        InvokeAsync<LiveEventSummary>("GetLiveEventSummary", twinSpaceId, eventId);

    private void RegisterLiveEventEvents()
    {
        Hub.On<LiveEventChangedEvent>(LiveEventNames.LiveEventChanged, e => LiveEventChanged?.Invoke(e));
        Hub.On<LiveLobbyEvent>(LiveEventNames.LiveLobbyChanged, e => LiveLobbyChanged?.Invoke(e));
        Hub.On<LivePollEvent>(LiveEventNames.LivePollChanged, e => LivePollChanged?.Invoke(e));
        Hub.On<LiveTallyEvent>(LiveEventNames.LiveTallyChanged, e => LiveTallyChanged?.Invoke(e));
        Hub.On<LiveLeaderboardEvent>(LiveEventNames.LiveLeaderboardChanged, e => LiveLeaderboardChanged?.Invoke(e));
        Hub.On<LiveQuestionEvent>(LiveEventNames.LiveQuestionChanged, e => LiveQuestionChanged?.Invoke(e));
        Hub.On<LiveHandsEvent>(LiveEventNames.LiveHandsChanged, e => LiveHandsChanged?.Invoke(e));
        Hub.On<LiveRegistrationEvent>(LiveEventNames.LiveRegistrationChanged, e => LiveRegistrationChanged?.Invoke(e));
        Hub.On<LiveEventReminderEvent>(LiveEventNames.LiveEventReminder, e => LiveEventReminder?.Invoke(e));
    }
}
