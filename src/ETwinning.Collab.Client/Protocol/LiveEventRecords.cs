namespace ETwinning.Collab.Client.Protocol;

/// <summary>Who may register for a live event (docs/protocol.md, "Live events").</summary>
public enum LiveEventAudience
{
    /// <summary>Members of the TwinSpace that holds the event.</summary>
    Members,
    /// <summary>Members, and validated teachers of the platform who are not members.</summary>
    PublicTeachers,
}

/// <summary>The life of a live event: scheduled (lobby), live, ended.</summary>
public enum LiveEventState
{
    /// <summary>Not started: hosts may enter, attendees wait in the lobby.</summary>
    Scheduled,
    /// <summary>Started by a host: admitted attendees take part.</summary>
    Live,
    /// <summary>Ended by a host: results and reports stay.</summary>
    Ended,
}

/// <summary>What a participant is in one live event.</summary>
public enum LiveEventRole
{
    /// <summary>Created the event or was named host: starts, ends, moderates.</summary>
    Host,
    /// <summary>Moderates like a host.</summary>
    CoHost,
    /// <summary>Presents (media); takes part like an attendee otherwise.</summary>
    Presenter,
    /// <summary>Everyone else who registered.</summary>
    Attendee,
}

/// <summary>A registration's state.</summary>
public enum LiveRegistrationStatus
{
    /// <summary>Holds a seat.</summary>
    Registered,
    /// <summary>On the waiting list; promoted in order when a seat frees.</summary>
    Waitlisted,
    /// <summary>Cancelled by the attendee.</summary>
    Cancelled,
}

/// <summary>A poll counts votes; a quiz has a correct answer, a timer and points.</summary>
public enum LivePollKind
{
    /// <summary>Single or multiple choice, no correct answer.</summary>
    Poll,
    /// <summary>One answer per attendee within the timer; points by speed once the host reveals the answer.</summary>
    Quiz,
}

/// <summary>Where a Q&amp;A question stands.</summary>
public enum LiveQuestionState
{
    /// <summary>Waiting for an answer.</summary>
    Open,
    /// <summary>The host marked it answered.</summary>
    Answered,
    /// <summary>The host hid it: only hosts see it.</summary>
    Hidden,
}

/// <summary>
/// A live event as clients see it. Times are UTC; <see cref="TimeZone"/> is the IANA zone it was planned in.
/// <see cref="ChatChannelId"/> is the event's chat (a chat channel of kind <c>liveEvent</c>: hosts and seated attendees).
/// </summary>
public sealed record LiveEventView(
    string Id, string TwinSpaceId, string Title, string Description, DateTime StartsAt, int DurationMinutes, string TimeZone,
    int Capacity, LiveEventAudience Audience, IReadOnlyList<string> HostIds, IReadOnlyList<string> CoHostIds,
    IReadOnlyList<string> PresenterIds, LiveEventState State, DateTime? StartedAt, DateTime? EndedAt,
    int RegisteredCount, int WaitlistCount, string ChatChannelId);

/// <summary>Creates an event; the creator is its first host.</summary>
public sealed record CreateLiveEventRequest(
    string Title, string? Description, DateTime StartsAt, int DurationMinutes, string TimeZone, int Capacity,
    LiveEventAudience Audience, IReadOnlyList<string>? CoHostIds = null, IReadOnlyList<string>? PresenterIds = null);

/// <summary>One attendee's registration; <see cref="WaitlistPosition"/> counts from 1 while waitlisted.</summary>
public sealed record LiveRegistrationView(
    string EventId, string AccountId, string DisplayName, LiveRegistrationStatus Status, int? WaitlistPosition);

/// <summary>What joining an event gives: its state, the caller's role, whether they are admitted or wait in the lobby, and what is open.</summary>
public sealed record LiveEventJoined(
    LiveEventView Event, LiveEventRole Role, bool Admitted, string? LobbyReason,
    IReadOnlyList<LivePollView> Polls, IReadOnlyList<LiveQuestionView> Questions, IReadOnlyList<LiveHandView> Hands);

/// <summary>Opens a poll or a quiz question. <see cref="CorrectOption"/> and <see cref="TimeLimitSeconds"/> are for quizzes.</summary>
public sealed record OpenLivePollRequest(
    LivePollKind Kind, string Question, IReadOnlyList<string> Options, bool AllowMultiple = false, int? CorrectOption = null,
    int? TimeLimitSeconds = null, bool? Anonymous = null);

/// <summary>
/// A poll or quiz question. <see cref="Tally"/> counts votes per option (<see cref="Voters"/> people voted);
/// <see cref="CorrectOption"/> is null until the host reveals it.
/// </summary>
public sealed record LivePollView(
    string Id, string EventId, LivePollKind Kind, string Question, IReadOnlyList<string> Options, bool AllowMultiple,
    bool Anonymous, DateTime OpenedAt, DateTime? ClosesAt, DateTime? ClosedAt, int? CorrectOption,
    IReadOnlyList<int> Tally, int Voters);

/// <summary>A vote or quiz answer; a retry with the same <see cref="ClientId"/> returns the stored vote.</summary>
public sealed record LiveVoteRequest(string PollId, IReadOnlyList<int> Choices, string ClientId);

/// <summary>The stored vote (the same on a retry).</summary>
public sealed record LiveVoteReceipt(string PollId, IReadOnlyList<int> Choices, DateTime At);

/// <summary>A Q&amp;A question. Author fields are null when it was asked anonymously (hosts still see them).</summary>
public sealed record LiveQuestionView(
    string Id, string EventId, string? AuthorId, string? AuthorName, string Text, DateTime AskedAt, LiveQuestionState State, int Upvotes);

/// <summary>Asks a question; <see cref="Anonymous"/> hides the author from other attendees.</summary>
public sealed record AskLiveQuestionRequest(string Text, bool Anonymous = false);

/// <summary>A raised hand, in the order hands went up.</summary>
public sealed record LiveHandView(string AccountId, string DisplayName, DateTime RaisedAt);

/// <summary>One line of a leaderboard: an attendee, a school (its teacher's class) or a country.</summary>
public sealed record LiveScore(string Key, string Name, int Points, int CorrectAnswers);

/// <summary>Quiz standings over every revealed question of the event.</summary>
public sealed record LiveLeaderboard(IReadOnlyList<LiveScore> Attendees, IReadOnlyList<LiveScore> Schools, IReadOnlyList<LiveScore> Countries);

/// <summary>What stays in the TwinSpace after an event: its polls and quizzes with results, its visible questions, the leaderboard.</summary>
public sealed record LiveEventSummary(
    LiveEventView Event, IReadOnlyList<LivePollView> Polls, IReadOnlyList<LiveQuestionView> Questions, LiveLeaderboard Leaderboard);

/// <summary>Event: an event was created or changed state, hosts, presenters or counts.</summary>
public sealed record LiveEventChangedEvent(string TwinSpaceId, LiveEventView Event);

/// <summary>Event: a poll opened, closed or had its answer revealed.</summary>
public sealed record LivePollEvent(string TwinSpaceId, string EventId, LivePollView Poll);

/// <summary>Event: coalesced tally of a poll; <see cref="Final"/> after it closed.</summary>
public sealed record LiveTallyEvent(string TwinSpaceId, string EventId, string PollId, IReadOnlyList<int> Tally, int Voters, bool Final);

/// <summary>Event: the quiz leaderboard after a host revealed an answer.</summary>
public sealed record LiveLeaderboardEvent(string TwinSpaceId, string EventId, string PollId, LiveLeaderboard Leaderboard);

/// <summary>Event: a question was asked, upvoted, answered or hidden.</summary>
public sealed record LiveQuestionEvent(string TwinSpaceId, string EventId, LiveQuestionView Question);

/// <summary>Event: the hand raise queue changed.</summary>
public sealed record LiveHandsEvent(string TwinSpaceId, string EventId, IReadOnlyList<LiveHandView> Hands);

/// <summary>Event (to one account): their registration changed, e.g. promoted from the waiting list.</summary>
public sealed record LiveRegistrationEvent(string TwinSpaceId, LiveRegistrationView Registration);

/// <summary>
/// Event (to each connection of a host or seated attendee, once): the event starts soon. <see cref="MinutesToStart"/> is
/// rounded up, so "1" means within the minute.
/// </summary>
public sealed record LiveEventReminderEvent(string TwinSpaceId, LiveEventView Event, int MinutesToStart);

/// <summary>Event: who is in the lobby may change (a host started or ended it, a teacher came or left); clients in the lobby join again.</summary>
public sealed record LiveLobbyEvent(string TwinSpaceId, string EventId, LiveEventState State, bool TeacherPresent);
