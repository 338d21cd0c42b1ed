using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Live events in each TwinSpace's own file. Seats, votes and upvotes are decided inside the file's one writer, so
/// the writes of every node sharing the file are in one order and the counts are exact. Public events are also copied
/// into a platform-wide index in the catalog (<see cref="PublicEventsAsync"/>), so listing them reads one collection
/// instead of every TwinSpace's file.
/// </summary>
public sealed partial class LiteDbLiveEventStore(DatabaseFiles files) : ILiveEventStore
{
    private const string Events_ = "live_events";
    private const string Registrations_ = "live_registrations";
    private const string Polls_ = "live_polls";
    private const string Votes_ = "live_votes";
    private const string Questions_ = "live_questions";
    private const string Attendance_ = "live_attendance";
    // In the catalog: a copy of every public event that has not ended, and the mark that the copy is complete.
    private const string PublicIndex_ = "public_live_events";
    private const string PublicIndexBuilt_ = "public_live_events_built";
    private const string BuiltMark = "built";

    /// <summary>Created when a TwinSpace file opens (<see cref="TwinSpaceCollections"/>).</summary>
    public static readonly string[] Collections = [Events_, Registrations_, Polls_, Votes_, Questions_, Attendance_];

    private readonly IndexedTwinSpaceFiles _twinSpaces = new(files, EnsureIndexes);

    public async Task<LiveEvent> AddEventAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default)
    {
        var added = await _twinSpaces.WriteAsync(liveEvent.TwinSpaceId, db =>
        {
            var stored = liveEvent with { Version = 1, RegisteredCount = 0, WaitlistCount = 0, LastWaitlistPosition = 0, SupervisorsPresent = 0 };
            EventsOf(db).Insert(stored);
            return stored;
        }, cancellationToken).ConfigureAwait(false);
        if (added.Audience == LiveEventAudience.PublicTeachers) await IndexAsync(added.TwinSpaceId, added.Id).ConfigureAwait(false);
        return added;
    }

    public ValueTask<LiveEvent?> FindEventAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<LiveEvent?>(twinSpaceId, db => EventsOf(db).FindById(eventId), cancellationToken);

    public ValueTask<IReadOnlyList<LiveEvent>> EventsAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<IReadOnlyList<LiveEvent>>(twinSpaceId, db => EventsOf(db).FindAll().OrderBy(e => e.StartsAt).ThenBy(e => e.Id, StringComparer.Ordinal).ToList(),
            cancellationToken);

    /// <summary>
    /// One read of the catalog's index of public events. The index is built from every TwinSpace file the first time
    /// it is missing (a new data directory, or one written before the index existed), then kept by the writes that
    /// change a public event.
    /// </summary>
    public async ValueTask<IReadOnlyList<LiveEvent>> PublicEventsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!files.Catalog.Read(IsIndexBuilt))
            await files.Catalog.WriteAsync(BuildIndex).ConfigureAwait(false);
        return LiveEventOrdering.ByStart(files.Catalog.Read(db => PublicIndexOf(db).FindAll().Where(LiveEventOrdering.IsOpenToPublic).ToList()));
    }

    /// <summary>Copies every public event that has not ended into the index, inside the catalog's writer, then marks it built.</summary>
    private void BuildIndex(LiteDatabase catalog)
    {
        if (IsIndexBuilt(catalog)) return;
        var index = PublicIndexOf(catalog);
        foreach (var twinSpaceId in files.TwinSpaceIds())
            index.Upsert(files.ForTwinSpace(twinSpaceId).Read(db => db.CollectionExists(Events_)
                ? EventsOf(db).FindAll().Where(LiveEventOrdering.IsOpenToPublic).ToList()
                : []));
        catalog.GetCollection(PublicIndexBuilt_).Upsert(new BsonDocument { ["_id"] = BuiltMark });
    }

    private static bool IsIndexBuilt(LiteDatabase catalog) => catalog.GetCollection(PublicIndexBuilt_).FindById(BuiltMark) is not null;

    /// <summary>
    /// Brings the index in step with the event as its TwinSpace file holds it now. Read inside the catalog's writer, so
    /// of two writes racing, the later index change reads the later state: the index never keeps an older copy.
    /// </summary>
    private Task IndexAsync(string twinSpaceId, string eventId) =>
        files.Catalog.WriteAsync(catalog =>
        {
            var current = files.ForTwinSpace(twinSpaceId).Read(db => EventsOf(db).FindById(eventId));
            if (current is not null && LiveEventOrdering.IsOpenToPublic(current)) PublicIndexOf(catalog).Upsert(current);
            else PublicIndexOf(catalog).Delete(eventId);
        });

    public async Task<LiveEvent?> TryReplaceEventAsync(LiveEvent liveEvent, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var (replaced, wasPublic) = await _twinSpaces.WriteAsync(liveEvent.TwinSpaceId, db =>
        {
            var events = EventsOf(db);
            var stored = events.FindById(liveEvent.Id);
            if (stored is null || stored.Version != expectedVersion) return ((LiveEvent?)null, false);
            var updated = liveEvent with
            {
                Version = stored.Version + 1,
                RegisteredCount = stored.RegisteredCount,
                WaitlistCount = stored.WaitlistCount,
                LastWaitlistPosition = stored.LastWaitlistPosition,
                SupervisorsPresent = stored.SupervisorsPresent,
            };
            events.Update(updated);
            return (updated, stored.Audience == LiveEventAudience.PublicTeachers);
        }, cancellationToken).ConfigureAwait(false);
        // A members-only event that was never public has nothing in the index: its updates cost the catalog nothing.
        if (replaced is not null && (wasPublic || replaced.Audience == LiveEventAudience.PublicTeachers))
            await IndexAsync(replaced.TwinSpaceId, replaced.Id).ConfigureAwait(false);
        return replaced;
    }

    public async Task<LiveRegistrationResult> RegisterAsync(string twinSpaceId, LiveRegistration registration, CancellationToken cancellationToken = default) =>
        await SeatsChangedAsync(twinSpaceId, registration.EventId, await RegisterInFileAsync(twinSpaceId, registration, cancellationToken).ConfigureAwait(false),
            r => r.Event).ConfigureAwait(false);

    private Task<LiveRegistrationResult> RegisterInFileAsync(string twinSpaceId, LiveRegistration registration, CancellationToken cancellationToken) =>
        _twinSpaces.WriteAsync(twinSpaceId, db =>
        {
            var events = EventsOf(db);
            var liveEvent = events.FindById(registration.EventId);
            if (liveEvent is null || liveEvent.State == LiveEventState.Ended) return new LiveRegistrationResult(LiveRegistrationOutcome.EventNotFound, null, liveEvent);
            var registrations = RegistrationsOf(db);
            var key = LiveRegistration.KeyOf(registration.EventId, registration.AccountId);
            var existing = registrations.FindById(key);
            if (existing is not null && existing.Status != LiveRegistrationStatus.Cancelled)
                return new LiveRegistrationResult(LiveRegistrationOutcome.AlreadyRegistered, existing, liveEvent);
            var seat = liveEvent.RegisteredCount < liveEvent.Capacity;
            var position = seat ? 0 : liveEvent.LastWaitlistPosition + 1;
            var stored = registration with
            {
                Id = key,
                Status = seat ? LiveRegistrationStatus.Registered : LiveRegistrationStatus.Waitlisted,
                WaitlistPosition = position,
            };
            registrations.Upsert(stored);
            var updated = seat
                ? liveEvent with { RegisteredCount = liveEvent.RegisteredCount + 1 }
                : liveEvent with { WaitlistCount = liveEvent.WaitlistCount + 1, LastWaitlistPosition = position };
            events.Update(updated);
            return new LiveRegistrationResult(seat ? LiveRegistrationOutcome.Registered : LiveRegistrationOutcome.Waitlisted, stored, updated);
        }, cancellationToken);

    public async Task<LiveCancellationResult> CancelRegistrationAsync(
        string twinSpaceId, string eventId, string accountId, CancellationToken cancellationToken = default) =>
        await SeatsChangedAsync(twinSpaceId, eventId, await CancelInFileAsync(twinSpaceId, eventId, accountId, cancellationToken).ConfigureAwait(false),
            r => r.Event).ConfigureAwait(false);

    /// <summary>Seats left and the waiting list are what the public listing shows: a public event's index copy follows them.</summary>
    private async Task<T> SeatsChangedAsync<T>(string twinSpaceId, string eventId, T result, Func<T, LiveEvent?> eventOf)
    {
        if (eventOf(result) is { Audience: LiveEventAudience.PublicTeachers }) await IndexAsync(twinSpaceId, eventId).ConfigureAwait(false);
        return result;
    }

    private Task<LiveCancellationResult> CancelInFileAsync(string twinSpaceId, string eventId, string accountId, CancellationToken cancellationToken) =>
        _twinSpaces.WriteAsync(twinSpaceId, db =>
        {
            var events = EventsOf(db);
            var liveEvent = events.FindById(eventId);
            var registrations = RegistrationsOf(db);
            var existing = registrations.FindById(LiveRegistration.KeyOf(eventId, accountId));
            if (liveEvent is null || existing is null || existing.Status == LiveRegistrationStatus.Cancelled)
                return new LiveCancellationResult(null, null, liveEvent);
            var cancelled = existing with { Status = LiveRegistrationStatus.Cancelled, WaitlistPosition = 0 };
            registrations.Update(cancelled);
            if (existing.Status == LiveRegistrationStatus.Waitlisted)
            {
                var shorter = liveEvent with { WaitlistCount = liveEvent.WaitlistCount - 1 };
                events.Update(shorter);
                return new LiveCancellationResult(cancelled, null, shorter);
            }
            var next = registrations.Query()
                .Where(r => r.EventId == eventId && r.Status == LiveRegistrationStatus.Waitlisted)
                .OrderBy(r => r.WaitlistPosition).Limit(1).FirstOrDefault();
            if (next is null)
            {
                var freed = liveEvent with { RegisteredCount = liveEvent.RegisteredCount - 1 };
                events.Update(freed);
                return new LiveCancellationResult(cancelled, null, freed);
            }
            var promoted = next with { Status = LiveRegistrationStatus.Registered, WaitlistPosition = 0 };
            registrations.Update(promoted);
            var moved = liveEvent with { WaitlistCount = liveEvent.WaitlistCount - 1 };
            events.Update(moved);
            return new LiveCancellationResult(cancelled, promoted, moved);
        }, cancellationToken);

    public ValueTask<LiveRegistration?> FindRegistrationAsync(string twinSpaceId, string eventId, string accountId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<LiveRegistration?>(twinSpaceId, db => RegistrationsOf(db).FindById(LiveRegistration.KeyOf(eventId, accountId)), cancellationToken);

    public ValueTask<IReadOnlyList<LiveRegistration>> RegistrationsAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<IReadOnlyList<LiveRegistration>>(twinSpaceId, db => LiveEventOrdering.Registrations(
            RegistrationsOf(db).Find(r => r.EventId == eventId && r.Status != LiveRegistrationStatus.Cancelled)), cancellationToken);

    public Task<LivePoll> AddPollAsync(string twinSpaceId, LivePoll poll, CancellationToken cancellationToken = default) =>
        _twinSpaces.WriteAsync(twinSpaceId, db =>
        {
            var stored = poll with { Version = 1, Tally = [.. poll.Options.Select(_ => 0)], Voters = 0 };
            PollsOf(db).Insert(stored);
            return stored;
        }, cancellationToken);

    public ValueTask<LivePoll?> FindPollAsync(string twinSpaceId, string pollId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<LivePoll?>(twinSpaceId, db => PollsOf(db).FindById(pollId), cancellationToken);

    public ValueTask<IReadOnlyList<LivePoll>> PollsAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<IReadOnlyList<LivePoll>>(twinSpaceId,
            db => PollsOf(db).Find(p => p.EventId == eventId).OrderBy(p => p.OpenedAt).ThenBy(p => p.Id, StringComparer.Ordinal).ToList(), cancellationToken);

    public Task<LivePoll?> TryReplacePollAsync(string twinSpaceId, LivePoll poll, long expectedVersion, CancellationToken cancellationToken = default) =>
        _twinSpaces.WriteAsync(twinSpaceId, db =>
        {
            var polls = PollsOf(db);
            var stored = polls.FindById(poll.Id);
            if (stored is null || stored.Version != expectedVersion) return null;
            var updated = poll with { Version = stored.Version + 1, Tally = stored.Tally, Voters = stored.Voters };
            polls.Update(updated);
            return updated;
        }, cancellationToken);

    public Task<LiveVoteResult> CastVoteAsync(string twinSpaceId, LiveVote vote, CancellationToken cancellationToken = default) =>
        _twinSpaces.WriteAsync(twinSpaceId, db =>
        {
            var polls = PollsOf(db);
            var poll = polls.FindById(vote.PollId);
            if (poll is null) return new LiveVoteResult(LiveVoteOutcome.PollNotFound, null, null);
            var votes = VotesOf(db);
            var key = LiveVote.KeyOf(vote.PollId, vote.AccountId);
            if (votes.FindById(key) is { } earlier)
                return new LiveVoteResult(earlier.ClientId == vote.ClientId ? LiveVoteOutcome.Repeated : LiveVoteOutcome.AlreadyVoted, earlier, poll);
            if (!poll.AcceptsVotesAt(vote.At)) return new LiveVoteResult(LiveVoteOutcome.Closed, null, poll);
            var stored = vote with { Id = key };
            votes.Insert(stored);
            var counted = poll with { Tally = LiveEventOrdering.Count(poll.Tally, stored.Choices), Voters = poll.Voters + 1 };
            polls.Update(counted);
            return new LiveVoteResult(LiveVoteOutcome.Counted, stored, counted);
        }, cancellationToken);

    public ValueTask<IReadOnlyList<LiveVote>> VotesAsync(string twinSpaceId, string pollId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<IReadOnlyList<LiveVote>>(twinSpaceId,
            db => VotesOf(db).Find(v => v.PollId == pollId).OrderBy(v => v.At).ThenBy(v => v.Id, StringComparer.Ordinal).ToList(), cancellationToken);

    public ValueTask<IReadOnlyList<LiveVote>> EventVotesAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<IReadOnlyList<LiveVote>>(twinSpaceId,
            db => VotesOf(db).Find(v => v.EventId == eventId).OrderBy(v => v.At).ThenBy(v => v.Id, StringComparer.Ordinal).ToList(), cancellationToken);

    public Task AddQuestionAsync(string twinSpaceId, LiveQuestion question, CancellationToken cancellationToken = default) =>
        _twinSpaces.WriteAsync(twinSpaceId, db => QuestionsOf(db).Insert(question), cancellationToken);

    public ValueTask<LiveQuestion?> FindQuestionAsync(string twinSpaceId, string questionId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<LiveQuestion?>(twinSpaceId, db => QuestionsOf(db).FindById(questionId), cancellationToken);

    public ValueTask<IReadOnlyList<LiveQuestion>> QuestionsAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<IReadOnlyList<LiveQuestion>>(twinSpaceId,
            db => QuestionsOf(db).Find(q => q.EventId == eventId).OrderBy(q => q.AskedAt).ThenBy(q => q.Id, StringComparer.Ordinal).ToList(), cancellationToken);

    public Task<LiveQuestion?> SetUpvoteAsync(string twinSpaceId, string questionId, string accountId, bool upvote, CancellationToken cancellationToken = default) =>
        ChangeQuestionAsync(twinSpaceId, questionId, q => q with { UpvoterIds = LiveEventOrdering.Toggle(q.UpvoterIds, accountId, upvote) }, cancellationToken);

    public Task<LiveQuestion?> SetQuestionStateAsync(
        string twinSpaceId, string questionId, LiveQuestionState state, CancellationToken cancellationToken = default) =>
        ChangeQuestionAsync(twinSpaceId, questionId, q => q with { State = state }, cancellationToken);

    public Task<LiveEvent?> AddAttendanceAsync(string twinSpaceId, LiveAttendance attendance, CancellationToken cancellationToken = default) =>
        _twinSpaces.WriteAsync(twinSpaceId, db =>
        {
            AttendanceOf(db).Insert(attendance);
            return CountSupervisor(db, attendance.EventId, attendance.Supervises ? 1 : 0);
        }, cancellationToken);

    public Task<LiveEvent?> EndAttendanceAsync(string twinSpaceId, string attendanceId, DateTime leftAt, CancellationToken cancellationToken = default) =>
        _twinSpaces.WriteAsync(twinSpaceId, db =>
        {
            var attendance = AttendanceOf(db);
            if (attendance.FindById(attendanceId) is not { LeftAt: null } open) return null;
            attendance.Update(open with { LeftAt = leftAt });
            return CountSupervisor(db, open.EventId, open.Supervises ? -1 : 0);
        }, cancellationToken);

    private static LiveEvent? CountSupervisor(LiteDatabase db, string eventId, int by)
    {
        var events = EventsOf(db);
        var liveEvent = events.FindById(eventId);
        if (liveEvent is null || by == 0) return liveEvent;
        var counted = liveEvent with { SupervisorsPresent = Math.Max(0, liveEvent.SupervisorsPresent + by) };
        events.Update(counted);
        return counted;
    }

    public ValueTask<IReadOnlyList<LiveAttendance>> OpenSupervisionAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<IReadOnlyList<LiveAttendance>>(twinSpaceId,
            db => AttendanceOf(db).Find(a => a.EventId == eventId && a.Supervises && a.LeftAt == null).ToList(), cancellationToken);

    public ValueTask<IReadOnlyList<LiveAttendance>> AttendanceAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default) =>
        _twinSpaces.ReadAsync<IReadOnlyList<LiveAttendance>>(twinSpaceId,
            db => AttendanceOf(db).Find(a => a.EventId == eventId).OrderBy(a => a.JoinedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToList(), cancellationToken);

    private Task<LiveQuestion?> ChangeQuestionAsync(
        string twinSpaceId, string questionId, Func<LiveQuestion, LiveQuestion> change, CancellationToken cancellationToken) =>
        _twinSpaces.WriteAsync(twinSpaceId, db =>
        {
            var questions = QuestionsOf(db);
            var question = questions.FindById(questionId);
            if (question is null) return null;
            var updated = change(question);
            questions.Update(updated);
            return updated;
        }, cancellationToken);

    private static void EnsureIndexes(LiteDatabase db)
    {
        RegistrationsOf(db).EnsureIndex(r => r.EventId);
        PollsOf(db).EnsureIndex(p => p.EventId);
        VotesOf(db).EnsureIndex(v => v.PollId);
        VotesOf(db).EnsureIndex(v => v.EventId);
        QuestionsOf(db).EnsureIndex(q => q.EventId);
        AttendanceOf(db).EnsureIndex(a => a.EventId);
    }

    private static ILiteCollection<LiveEvent> EventsOf(LiteDatabase db) => db.GetCollection<LiveEvent>(Events_);
    private static ILiteCollection<LiveRegistration> RegistrationsOf(LiteDatabase db) => db.GetCollection<LiveRegistration>(Registrations_);
    private static ILiteCollection<LivePoll> PollsOf(LiteDatabase db) => db.GetCollection<LivePoll>(Polls_);
    private static ILiteCollection<LiveVote> VotesOf(LiteDatabase db) => db.GetCollection<LiveVote>(Votes_);
    private static ILiteCollection<LiveQuestion> QuestionsOf(LiteDatabase db) => db.GetCollection<LiveQuestion>(Questions_);
    private static ILiteCollection<LiveAttendance> AttendanceOf(LiteDatabase db) => db.GetCollection<LiveAttendance>(Attendance_);
    private static ILiteCollection<LiveEvent> PublicIndexOf(LiteDatabase catalog) => catalog.GetCollection<LiveEvent>(PublicIndex_);
}
