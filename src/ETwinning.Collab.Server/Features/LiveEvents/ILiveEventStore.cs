using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Live events of one TwinSpace at a time: every method takes the TwinSpace id, so an id from another TwinSpace is not
/// found. Every write is atomic; the rules that must hold however many nodes write at once live in named operations:
/// seats (<see cref="RegisterAsync"/>, <see cref="CancelRegistrationAsync"/>), votes (<see cref="CastVoteAsync"/>,
/// one per poll and account by a unique key) and upvotes (<see cref="SetUpvoteAsync"/>). Other changes are
/// compare-and-set on a <c>Version</c>.
/// </summary>
public interface ILiveEventStore
{
    /// <summary>Stores a new event with version 1 and no registrations; returns it as stored.</summary>
    Task<LiveEvent> AddEventAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default);

    ValueTask<LiveEvent?> FindEventAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default);

    /// <summary>The TwinSpace's events, by start time.</summary>
    ValueTask<IReadOnlyList<LiveEvent>> EventsAsync(string twinSpaceId, CancellationToken cancellationToken = default);

    /// <summary>Events of every TwinSpace with the <c>publicTeachers</c> audience that have not ended, by start time.</summary>
    ValueTask<IReadOnlyList<LiveEvent>> PublicEventsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Compare-and-set: replaces the event if its stored version is still <paramref name="expectedVersion"/> and returns it
    /// with the next version; null when the version moved or there is no such event. The seat counters stay as stored.
    /// </summary>
    Task<LiveEvent?> TryReplaceEventAsync(LiveEvent liveEvent, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers <paramref name="registration"/>'s account: a seat while fewer than the capacity hold one, else the end
    /// of the waiting list. Decided inside the write that counts the seat, so however many register at once exactly
    /// <see cref="LiveEvent.Capacity"/> get seats. An account registered or waitlisted already gets its stored registration back.
    /// Refused for an ended event (<see cref="LiveRegistrationOutcome.EventNotFound"/>).
    /// </summary>
    Task<LiveRegistrationResult> RegisterAsync(string twinSpaceId, LiveRegistration registration, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels the account's registration; when it held a seat, the waitlisted registration with the lowest position
    /// takes the seat in the same write.
    /// </summary>
    Task<LiveCancellationResult> CancelRegistrationAsync(
        string twinSpaceId, string eventId, string accountId, CancellationToken cancellationToken = default);

    ValueTask<LiveRegistration?> FindRegistrationAsync(string twinSpaceId, string eventId, string accountId, CancellationToken cancellationToken = default);

    /// <summary>Registrations of the event that are not cancelled: seats by registration time, then the waiting list in order.</summary>
    ValueTask<IReadOnlyList<LiveRegistration>> RegistrationsAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default);

    /// <summary>Stores a new poll with version 1 and a zero tally of one count per option.</summary>
    Task<LivePoll> AddPollAsync(string twinSpaceId, LivePoll poll, CancellationToken cancellationToken = default);

    ValueTask<LivePoll?> FindPollAsync(string twinSpaceId, string pollId, CancellationToken cancellationToken = default);

    /// <summary>The event's polls and quiz questions, oldest first.</summary>
    ValueTask<IReadOnlyList<LivePoll>> PollsAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default);

    /// <summary>Compare-and-set on the poll's version (close, reveal); the tally stays as stored. Null when the version moved.</summary>
    Task<LivePoll?> TryReplacePollAsync(string twinSpaceId, LivePoll poll, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a vote if the poll accepts votes at <see cref="LiveVote.At"/> and the account has none there yet, and counts
    /// it in the poll's tally in the same write. A second vote of the account is refused; with the same client id it is a
    /// retry and returns the stored vote. Decided inside the write, so a vote races a close or another vote safely.
    /// </summary>
    Task<LiveVoteResult> CastVoteAsync(string twinSpaceId, LiveVote vote, CancellationToken cancellationToken = default);

    /// <summary>Every vote of the poll, by time.</summary>
    ValueTask<IReadOnlyList<LiveVote>> VotesAsync(string twinSpaceId, string pollId, CancellationToken cancellationToken = default);

    /// <summary>Every vote of the event's polls, by time (leaderboards, reports).</summary>
    ValueTask<IReadOnlyList<LiveVote>> EventVotesAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default);

    Task AddQuestionAsync(string twinSpaceId, LiveQuestion question, CancellationToken cancellationToken = default);

    ValueTask<LiveQuestion?> FindQuestionAsync(string twinSpaceId, string questionId, CancellationToken cancellationToken = default);

    /// <summary>The event's questions, oldest first.</summary>
    ValueTask<IReadOnlyList<LiveQuestion>> QuestionsAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default);

    /// <summary>Adds or removes the account's upvote, each account once; returns the question as stored (null when there is none).</summary>
    Task<LiveQuestion?> SetUpvoteAsync(
        string twinSpaceId, string questionId, string accountId, bool upvote, CancellationToken cancellationToken = default);

    /// <summary>Sets the question's state; null when there is no such question.</summary>
    Task<LiveQuestion?> SetQuestionStateAsync(
        string twinSpaceId, string questionId, LiveQuestionState state, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a stretch of attendance; a supervising one counts in its event's <see cref="LiveEvent.SupervisorsPresent"/>
    /// in the same write. Returns the event as stored after the write (null when there is no such event).
    /// </summary>
    Task<LiveEvent?> AddAttendanceAsync(string twinSpaceId, LiveAttendance attendance, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends a stretch of attendance once (a second call keeps the first time and changes nothing); a supervising one
    /// counts out of <see cref="LiveEvent.SupervisorsPresent"/> in the same write. Returns the event after the write,
    /// or null when nothing changed.
    /// </summary>
    Task<LiveEvent?> EndAttendanceAsync(string twinSpaceId, string attendanceId, DateTime leftAt, CancellationToken cancellationToken = default);

    /// <summary>The event's supervising stretches that have not ended (teachers of the TwinSpace in the event now, as stored).</summary>
    ValueTask<IReadOnlyList<LiveAttendance>> OpenSupervisionAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default);

    /// <summary>Every stretch of attendance of the event, by join time.</summary>
    ValueTask<IReadOnlyList<LiveAttendance>> AttendanceAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default);
}
