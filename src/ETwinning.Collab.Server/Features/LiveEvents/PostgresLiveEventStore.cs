using System.Globalization;
using System.Text.Json;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Live events in the cluster's shared database. Records are kept whole as <c>jsonb</c> next to the columns that key,
/// lock and order them. Seats and votes are decided with the event row (or poll row) locked <c>FOR UPDATE</c> inside
/// the write, so writers on every node queue on that row and the counts are exact; a vote's uniqueness is the primary
/// key (poll, account), which no second node can get past.
/// </summary>
public sealed partial class PostgresLiveEventStore(PostgresDatabase database) : ILiveEventStore
{
    public const string Feature = "live_events";

    /// <summary>The schema of this store, applied at start by the migrator.</summary>
    public static readonly PostgresMigration[] Migrations =
    [
        new(Feature, 1, """
            CREATE TABLE live_events (
                twinspace_id text NOT NULL, id text NOT NULL, data jsonb NOT NULL,
                PRIMARY KEY (twinspace_id, id));
            CREATE TABLE live_registrations (
                twinspace_id text NOT NULL, event_id text NOT NULL, account_id text NOT NULL,
                status integer NOT NULL, position bigint NOT NULL, data jsonb NOT NULL,
                PRIMARY KEY (twinspace_id, event_id, account_id));
            CREATE INDEX live_registrations_waitlist ON live_registrations (twinspace_id, event_id, status, position);
            CREATE TABLE live_polls (
                twinspace_id text NOT NULL, id text NOT NULL, event_id text NOT NULL, data jsonb NOT NULL,
                PRIMARY KEY (twinspace_id, id));
            CREATE INDEX live_polls_event ON live_polls (twinspace_id, event_id);
            CREATE TABLE live_votes (
                twinspace_id text NOT NULL, poll_id text NOT NULL, account_id text NOT NULL, event_id text NOT NULL, data jsonb NOT NULL,
                PRIMARY KEY (twinspace_id, poll_id, account_id));
            CREATE INDEX live_votes_event ON live_votes (twinspace_id, event_id);
            CREATE TABLE live_questions (
                twinspace_id text NOT NULL, id text NOT NULL, event_id text NOT NULL, data jsonb NOT NULL,
                PRIMARY KEY (twinspace_id, id));
            CREATE INDEX live_questions_event ON live_questions (twinspace_id, event_id);
            CREATE TABLE live_attendance (
                twinspace_id text NOT NULL, id text NOT NULL, event_id text NOT NULL, data jsonb NOT NULL,
                PRIMARY KEY (twinspace_id, id));
            CREATE INDEX live_attendance_event ON live_attendance (twinspace_id, event_id);
            """),
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public Task<LiveEvent> AddEventAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            var stored = liveEvent with { Version = 1, RegisteredCount = 0, WaitlistCount = 0, LastWaitlistPosition = 0, SupervisorsPresent = 0 };
            await ExecuteAsync(connection, transaction, "INSERT INTO live_events (twinspace_id, id, data) VALUES ($1, $2, $3)", token,
                stored.TwinSpaceId, stored.Id, Document(stored)).ConfigureAwait(false);
            return stored;
        }, cancellationToken);

    public ValueTask<LiveEvent?> FindEventAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default) =>
        ReadOneAsync<LiveEvent>("SELECT data FROM live_events WHERE twinspace_id = $1 AND id = $2", cancellationToken, twinSpaceId, eventId);

    public async ValueTask<IReadOnlyList<LiveEvent>> EventsAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        (await ReadManyAsync<LiveEvent>("SELECT data FROM live_events WHERE twinspace_id = $1", cancellationToken, twinSpaceId).ConfigureAwait(false))
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();

    /// <summary>Enums are stored as numbers in the JSON; the shared predicate checks the rows again so both providers agree.</summary>
    public async ValueTask<IReadOnlyList<LiveEvent>> PublicEventsAsync(CancellationToken cancellationToken = default) =>
        LiveEventOrdering.ByStart((await ReadManyAsync<LiveEvent>(
                "SELECT data FROM live_events WHERE data->>'Audience' = $1 AND data->>'State' <> $2", cancellationToken,
                ((int)LiveEventAudience.PublicTeachers).ToString(CultureInfo.InvariantCulture),
                ((int)LiveEventState.Ended).ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false))
            .Where(LiveEventOrdering.IsOpenToPublic));

    public Task<LiveEvent?> TryReplaceEventAsync(LiveEvent liveEvent, long expectedVersion, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            var stored = await LockEventAsync(connection, transaction, liveEvent.TwinSpaceId, liveEvent.Id, token).ConfigureAwait(false);
            if (stored is null || stored.Version != expectedVersion) return null;
            var updated = liveEvent with
            {
                Version = stored.Version + 1,
                RegisteredCount = stored.RegisteredCount,
                WaitlistCount = stored.WaitlistCount,
                LastWaitlistPosition = stored.LastWaitlistPosition,
                SupervisorsPresent = stored.SupervisorsPresent,
            };
            await SaveEventAsync(connection, transaction, updated, token).ConfigureAwait(false);
            return updated;
        }, cancellationToken);

    public Task<LiveRegistrationResult> RegisterAsync(string twinSpaceId, LiveRegistration registration, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            var liveEvent = await LockEventAsync(connection, transaction, twinSpaceId, registration.EventId, token).ConfigureAwait(false);
            if (liveEvent is null || liveEvent.State == LiveEventState.Ended)
                return new LiveRegistrationResult(LiveRegistrationOutcome.EventNotFound, null, liveEvent);
            var existing = await ReadOneAsync<LiveRegistration>(connection, transaction,
                "SELECT data FROM live_registrations WHERE twinspace_id = $1 AND event_id = $2 AND account_id = $3", token,
                twinSpaceId, registration.EventId, registration.AccountId).ConfigureAwait(false);
            if (existing is not null && existing.Status != LiveRegistrationStatus.Cancelled)
                return new LiveRegistrationResult(LiveRegistrationOutcome.AlreadyRegistered, existing, liveEvent);
            var seat = liveEvent.RegisteredCount < liveEvent.Capacity;
            var position = seat ? 0 : liveEvent.LastWaitlistPosition + 1;
            var stored = registration with
            {
                Id = LiveRegistration.KeyOf(registration.EventId, registration.AccountId),
                Status = seat ? LiveRegistrationStatus.Registered : LiveRegistrationStatus.Waitlisted,
                WaitlistPosition = position,
            };
            await SaveRegistrationAsync(connection, transaction, twinSpaceId, stored, token).ConfigureAwait(false);
            var updated = seat
                ? liveEvent with { RegisteredCount = liveEvent.RegisteredCount + 1 }
                : liveEvent with { WaitlistCount = liveEvent.WaitlistCount + 1, LastWaitlistPosition = position };
            await SaveEventAsync(connection, transaction, updated, token).ConfigureAwait(false);
            return new LiveRegistrationResult(seat ? LiveRegistrationOutcome.Registered : LiveRegistrationOutcome.Waitlisted, stored, updated);
        }, cancellationToken);

    public Task<LiveCancellationResult> CancelRegistrationAsync(
        string twinSpaceId, string eventId, string accountId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            var liveEvent = await LockEventAsync(connection, transaction, twinSpaceId, eventId, token).ConfigureAwait(false);
            var existing = await ReadOneAsync<LiveRegistration>(connection, transaction,
                "SELECT data FROM live_registrations WHERE twinspace_id = $1 AND event_id = $2 AND account_id = $3", token,
                twinSpaceId, eventId, accountId).ConfigureAwait(false);
            if (liveEvent is null || existing is null || existing.Status == LiveRegistrationStatus.Cancelled)
                return new LiveCancellationResult(null, null, liveEvent);
            var cancelled = existing with { Status = LiveRegistrationStatus.Cancelled, WaitlistPosition = 0 };
            await SaveRegistrationAsync(connection, transaction, twinSpaceId, cancelled, token).ConfigureAwait(false);
            LiveEvent after;
            LiveRegistration? promoted = null;
            if (existing.Status == LiveRegistrationStatus.Waitlisted) after = liveEvent with { WaitlistCount = liveEvent.WaitlistCount - 1 };
            else
            {
                var next = await ReadOneAsync<LiveRegistration>(connection, transaction, """
                    SELECT data FROM live_registrations WHERE twinspace_id = $1 AND event_id = $2 AND status = $3
                    ORDER BY position LIMIT 1
                    """, token, twinSpaceId, eventId, (int)LiveRegistrationStatus.Waitlisted).ConfigureAwait(false);
                if (next is null) after = liveEvent with { RegisteredCount = liveEvent.RegisteredCount - 1 };
                else
                {
                    promoted = next with { Status = LiveRegistrationStatus.Registered, WaitlistPosition = 0 };
                    await SaveRegistrationAsync(connection, transaction, twinSpaceId, promoted, token).ConfigureAwait(false);
                    after = liveEvent with { WaitlistCount = liveEvent.WaitlistCount - 1 };
                }
            }
            await SaveEventAsync(connection, transaction, after, token).ConfigureAwait(false);
            return new LiveCancellationResult(cancelled, promoted, after);
        }, cancellationToken);

    public ValueTask<LiveRegistration?> FindRegistrationAsync(string twinSpaceId, string eventId, string accountId, CancellationToken cancellationToken = default) =>
        ReadOneAsync<LiveRegistration>("SELECT data FROM live_registrations WHERE twinspace_id = $1 AND event_id = $2 AND account_id = $3",
            cancellationToken, twinSpaceId, eventId, accountId);

    public async ValueTask<IReadOnlyList<LiveRegistration>> RegistrationsAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default) =>
        LiveEventOrdering.Registrations(await ReadManyAsync<LiveRegistration>(
            "SELECT data FROM live_registrations WHERE twinspace_id = $1 AND event_id = $2 AND status <> $3", cancellationToken,
            twinSpaceId, eventId, (int)LiveRegistrationStatus.Cancelled).ConfigureAwait(false));

    public Task<LivePoll> AddPollAsync(string twinSpaceId, LivePoll poll, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            var stored = poll with { Version = 1, Tally = [.. poll.Options.Select(_ => 0)], Voters = 0 };
            await ExecuteAsync(connection, transaction, "INSERT INTO live_polls (twinspace_id, id, event_id, data) VALUES ($1, $2, $3, $4)", token,
                twinSpaceId, stored.Id, stored.EventId, Document(stored)).ConfigureAwait(false);
            return stored;
        }, cancellationToken);

    public ValueTask<LivePoll?> FindPollAsync(string twinSpaceId, string pollId, CancellationToken cancellationToken = default) =>
        ReadOneAsync<LivePoll>("SELECT data FROM live_polls WHERE twinspace_id = $1 AND id = $2", cancellationToken, twinSpaceId, pollId);

    public async ValueTask<IReadOnlyList<LivePoll>> PollsAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default) =>
        (await ReadManyAsync<LivePoll>("SELECT data FROM live_polls WHERE twinspace_id = $1 AND event_id = $2", cancellationToken, twinSpaceId, eventId)
            .ConfigureAwait(false)).OrderBy(p => p.OpenedAt).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();

    public Task<LivePoll?> TryReplacePollAsync(string twinSpaceId, LivePoll poll, long expectedVersion, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            var stored = await LockPollAsync(connection, transaction, twinSpaceId, poll.Id, token).ConfigureAwait(false);
            if (stored is null || stored.Version != expectedVersion) return null;
            var updated = poll with { Version = stored.Version + 1, Tally = stored.Tally, Voters = stored.Voters };
            await SavePollAsync(connection, transaction, twinSpaceId, updated, token).ConfigureAwait(false);
            return updated;
        }, cancellationToken);

    public Task<LiveVoteResult> CastVoteAsync(string twinSpaceId, LiveVote vote, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            // The poll row lock orders this vote against a close and against the tally updates of other nodes.
            var poll = await LockPollAsync(connection, transaction, twinSpaceId, vote.PollId, token).ConfigureAwait(false);
            if (poll is null) return new LiveVoteResult(LiveVoteOutcome.PollNotFound, null, null);
            var earlier = await ReadOneAsync<LiveVote>(connection, transaction,
                "SELECT data FROM live_votes WHERE twinspace_id = $1 AND poll_id = $2 AND account_id = $3", token,
                twinSpaceId, vote.PollId, vote.AccountId).ConfigureAwait(false);
            if (earlier is not null)
                return new LiveVoteResult(earlier.ClientId == vote.ClientId ? LiveVoteOutcome.Repeated : LiveVoteOutcome.AlreadyVoted, earlier, poll);
            if (!poll.AcceptsVotesAt(vote.At)) return new LiveVoteResult(LiveVoteOutcome.Closed, null, poll);
            var stored = vote with { Id = LiveVote.KeyOf(vote.PollId, vote.AccountId) };
            await ExecuteAsync(connection, transaction,
                "INSERT INTO live_votes (twinspace_id, poll_id, account_id, event_id, data) VALUES ($1, $2, $3, $4, $5)", token,
                twinSpaceId, stored.PollId, stored.AccountId, stored.EventId, Document(stored)).ConfigureAwait(false);
            var counted = poll with { Tally = LiveEventOrdering.Count(poll.Tally, stored.Choices), Voters = poll.Voters + 1 };
            await SavePollAsync(connection, transaction, twinSpaceId, counted, token).ConfigureAwait(false);
            return new LiveVoteResult(LiveVoteOutcome.Counted, stored, counted);
        }, cancellationToken);

    public async ValueTask<IReadOnlyList<LiveVote>> VotesAsync(string twinSpaceId, string pollId, CancellationToken cancellationToken = default) =>
        (await ReadManyAsync<LiveVote>("SELECT data FROM live_votes WHERE twinspace_id = $1 AND poll_id = $2", cancellationToken, twinSpaceId, pollId)
            .ConfigureAwait(false)).OrderBy(v => v.At).ThenBy(v => v.Id, StringComparer.Ordinal).ToList();

    public async ValueTask<IReadOnlyList<LiveVote>> EventVotesAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default) =>
        (await ReadManyAsync<LiveVote>("SELECT data FROM live_votes WHERE twinspace_id = $1 AND event_id = $2", cancellationToken, twinSpaceId, eventId)
            .ConfigureAwait(false)).OrderBy(v => v.At).ThenBy(v => v.Id, StringComparer.Ordinal).ToList();

    public Task AddQuestionAsync(string twinSpaceId, LiveQuestion question, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => ExecuteAsync(connection, transaction,
            "INSERT INTO live_questions (twinspace_id, id, event_id, data) VALUES ($1, $2, $3, $4)", token,
            twinSpaceId, question.Id, question.EventId, Document(question)), cancellationToken);

    public ValueTask<LiveQuestion?> FindQuestionAsync(string twinSpaceId, string questionId, CancellationToken cancellationToken = default) =>
        ReadOneAsync<LiveQuestion>("SELECT data FROM live_questions WHERE twinspace_id = $1 AND id = $2", cancellationToken, twinSpaceId, questionId);

    public async ValueTask<IReadOnlyList<LiveQuestion>> QuestionsAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default) =>
        (await ReadManyAsync<LiveQuestion>("SELECT data FROM live_questions WHERE twinspace_id = $1 AND event_id = $2", cancellationToken, twinSpaceId, eventId)
            .ConfigureAwait(false)).OrderBy(q => q.AskedAt).ThenBy(q => q.Id, StringComparer.Ordinal).ToList();

    public Task<LiveQuestion?> SetUpvoteAsync(string twinSpaceId, string questionId, string accountId, bool upvote, CancellationToken cancellationToken = default) =>
        ChangeQuestionAsync(twinSpaceId, questionId, q => q with { UpvoterIds = LiveEventOrdering.Toggle(q.UpvoterIds, accountId, upvote) }, cancellationToken);

    public Task<LiveQuestion?> SetQuestionStateAsync(
        string twinSpaceId, string questionId, LiveQuestionState state, CancellationToken cancellationToken = default) =>
        ChangeQuestionAsync(twinSpaceId, questionId, q => q with { State = state }, cancellationToken);

    public Task<LiveEvent?> AddAttendanceAsync(string twinSpaceId, LiveAttendance attendance, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            await ExecuteAsync(connection, transaction, "INSERT INTO live_attendance (twinspace_id, id, event_id, data) VALUES ($1, $2, $3, $4)", token,
                twinSpaceId, attendance.Id, attendance.EventId, Document(attendance)).ConfigureAwait(false);
            return await CountSupervisorAsync(connection, transaction, twinSpaceId, attendance.EventId, attendance.Supervises ? 1 : 0, token).ConfigureAwait(false);
        }, cancellationToken);

    public Task<LiveEvent?> EndAttendanceAsync(string twinSpaceId, string attendanceId, DateTime leftAt, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            var open = await ReadOneAsync<LiveAttendance>(connection, transaction,
                "SELECT data FROM live_attendance WHERE twinspace_id = $1 AND id = $2 FOR UPDATE", token, twinSpaceId, attendanceId).ConfigureAwait(false);
            if (open is not { LeftAt: null }) return null;
            await ExecuteAsync(connection, transaction, "UPDATE live_attendance SET data = $3 WHERE twinspace_id = $1 AND id = $2", token,
                twinSpaceId, attendanceId, Document(open with { LeftAt = leftAt })).ConfigureAwait(false);
            return await CountSupervisorAsync(connection, transaction, twinSpaceId, open.EventId, open.Supervises ? -1 : 0, token).ConfigureAwait(false);
        }, cancellationToken);

    // Only supervising stretches lock the event row: thousands of attendees entering do not queue on it.
    private static async Task<LiveEvent?> CountSupervisorAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string twinSpaceId, string eventId, int by, CancellationToken token)
    {
        if (by == 0)
            return await ReadOneAsync<LiveEvent>(connection, transaction, "SELECT data FROM live_events WHERE twinspace_id = $1 AND id = $2", token,
                twinSpaceId, eventId).ConfigureAwait(false);
        var liveEvent = await LockEventAsync(connection, transaction, twinSpaceId, eventId, token).ConfigureAwait(false);
        if (liveEvent is null) return null;
        var counted = liveEvent with { SupervisorsPresent = Math.Max(0, liveEvent.SupervisorsPresent + by) };
        await SaveEventAsync(connection, transaction, counted, token).ConfigureAwait(false);
        return counted;
    }

    public ValueTask<IReadOnlyList<LiveAttendance>> OpenSupervisionAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default) =>
        ReadManyAsync<LiveAttendance>(
            "SELECT data FROM live_attendance WHERE twinspace_id = $1 AND event_id = $2 AND (data->>'Supervises')::boolean AND data->>'LeftAt' IS NULL",
            cancellationToken, twinSpaceId, eventId);

    public async ValueTask<IReadOnlyList<LiveAttendance>> AttendanceAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default) =>
        (await ReadManyAsync<LiveAttendance>("SELECT data FROM live_attendance WHERE twinspace_id = $1 AND event_id = $2", cancellationToken, twinSpaceId, eventId)
            .ConfigureAwait(false)).OrderBy(a => a.JoinedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();

    private Task<LiveQuestion?> ChangeQuestionAsync(
        string twinSpaceId, string questionId, Func<LiveQuestion, LiveQuestion> change, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            var question = await ReadOneAsync<LiveQuestion>(connection, transaction,
                "SELECT data FROM live_questions WHERE twinspace_id = $1 AND id = $2 FOR UPDATE", token, twinSpaceId, questionId).ConfigureAwait(false);
            if (question is null) return null;
            var updated = change(question);
            await ExecuteAsync(connection, transaction, "UPDATE live_questions SET data = $3 WHERE twinspace_id = $1 AND id = $2", token,
                twinSpaceId, questionId, Document(updated)).ConfigureAwait(false);
            return updated;
        }, cancellationToken);

    private static Task<LiveEvent?> LockEventAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string twinSpaceId, string eventId, CancellationToken token) =>
        ReadOneAsync<LiveEvent>(connection, transaction, "SELECT data FROM live_events WHERE twinspace_id = $1 AND id = $2 FOR UPDATE", token, twinSpaceId, eventId);

    private static Task<LivePoll?> LockPollAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string twinSpaceId, string pollId, CancellationToken token) =>
        ReadOneAsync<LivePoll>(connection, transaction, "SELECT data FROM live_polls WHERE twinspace_id = $1 AND id = $2 FOR UPDATE", token, twinSpaceId, pollId);

    private static Task SaveEventAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LiveEvent liveEvent, CancellationToken token) =>
        ExecuteAsync(connection, transaction, "UPDATE live_events SET data = $3 WHERE twinspace_id = $1 AND id = $2", token,
            liveEvent.TwinSpaceId, liveEvent.Id, Document(liveEvent));

    private static Task SavePollAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string twinSpaceId, LivePoll poll, CancellationToken token) =>
        ExecuteAsync(connection, transaction, "UPDATE live_polls SET data = $3 WHERE twinspace_id = $1 AND id = $2", token,
            twinSpaceId, poll.Id, Document(poll));

    private static Task SaveRegistrationAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string twinSpaceId, LiveRegistration registration, CancellationToken token) =>
        ExecuteAsync(connection, transaction, """
            INSERT INTO live_registrations (twinspace_id, event_id, account_id, status, position, data) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (twinspace_id, event_id, account_id) DO UPDATE SET status = EXCLUDED.status, position = EXCLUDED.position, data = EXCLUDED.data
            """, token, twinSpaceId, registration.EventId, registration.AccountId, (int)registration.Status, registration.WaitlistPosition,
            Document(registration));

    private async ValueTask<T?> ReadOneAsync<T>(string sql, CancellationToken cancellationToken, params object[] values) where T : class =>
        await database.ReadAsync((connection, token) => ReadOneAsync<T>(connection, null, sql, token, values), cancellationToken).ConfigureAwait(false);

    private async ValueTask<IReadOnlyList<T>> ReadManyAsync<T>(string sql, CancellationToken cancellationToken, params object[] values) =>
        await database.ReadAsync<IReadOnlyList<T>>(async (connection, token) =>
        {
            await using var command = Command(connection, null, sql, values);
            await using var rows = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var found = new List<T>();
            while (await rows.ReadAsync(token).ConfigureAwait(false)) found.Add(JsonSerializer.Deserialize<T>(rows.GetString(0), Json)!);
            return found;
        }, cancellationToken).ConfigureAwait(false);

    private static async Task<T?> ReadOneAsync<T>(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken token, params object[] values) where T : class
    {
        await using var command = Command(connection, transaction, sql, values);
        var data = await command.ExecuteScalarAsync(token).ConfigureAwait(false);
        return data is string json ? JsonSerializer.Deserialize<T>(json, Json) : null;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken token, params object[] values)
    {
        await using var command = Command(connection, transaction, sql, values);
        await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, object[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
            command.Parameters.Add(value is JsonDocumentText document
                ? new NpgsqlParameter { Value = document.Text, NpgsqlDbType = NpgsqlDbType.Jsonb }
                : new NpgsqlParameter { Value = value });
        return command;
    }

    private static JsonDocumentText Document<T>(T record) => new(JsonSerializer.Serialize(record, Json));

    /// <summary>Marks a parameter as <c>jsonb</c> (a plain string would be sent as <c>text</c>).</summary>
    private sealed record JsonDocumentText(string Text);
}
