using System.Runtime.CompilerServices;
using System.Text.Json;
using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

namespace ETwinning.Collab.Server.Features.LiveEvents;

public sealed partial class PostgresLiveEventStore : IStoreTransfer
{
    string IStoreTransfer.Feature => LiveEventTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var tables = new (string Kind, string Sql, Func<string, object> Read)[]
        {
            (LiveEventTransfer.Event, "SELECT twinspace_id, data FROM live_events ORDER BY twinspace_id, id", Of<LiveEvent>),
            (LiveEventTransfer.Registration, "SELECT twinspace_id, data FROM live_registrations ORDER BY twinspace_id, event_id, account_id", Of<LiveRegistration>),
            (LiveEventTransfer.Poll, "SELECT twinspace_id, data FROM live_polls ORDER BY twinspace_id, id", Of<LivePoll>),
            (LiveEventTransfer.Vote, "SELECT twinspace_id, data FROM live_votes ORDER BY twinspace_id, poll_id, account_id", Of<LiveVote>),
            (LiveEventTransfer.Question, "SELECT twinspace_id, data FROM live_questions ORDER BY twinspace_id, id", Of<LiveQuestion>),
            (LiveEventTransfer.Attendance, "SELECT twinspace_id, data FROM live_attendance ORDER BY twinspace_id, id", Of<LiveAttendance>),
        };
        foreach (var (kind, sql, read) in tables)
            await foreach (var record in database.QueryAllAsync(sql, row => new StoredRecord(kind, row.GetString(0), read(row.GetString(1))), cancellationToken)
                .ConfigureAwait(false))
                yield return record;
    }

    // The key columns are taken from the records, as the store's own writes take them.
    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            foreach (var record in batch)
            {
                var twinSpaceId = record.RequireTwinSpace();
                var (sql, values) = record.Record switch
                {
                    LiveEvent e when record.Kind == LiveEventTransfer.Event => ("""
                        INSERT INTO live_events (twinspace_id, id, data) VALUES ($1, $2, $3)
                        ON CONFLICT (twinspace_id, id) DO UPDATE SET data = EXCLUDED.data
                        """, new object[] { twinSpaceId, e.Id, Document(e) }),
                    LiveRegistration r when record.Kind == LiveEventTransfer.Registration => ("""
                        INSERT INTO live_registrations (twinspace_id, event_id, account_id, status, position, data) VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (twinspace_id, event_id, account_id) DO UPDATE SET status = EXCLUDED.status, position = EXCLUDED.position, data = EXCLUDED.data
                        """, [twinSpaceId, r.EventId, r.AccountId, (int)r.Status, r.WaitlistPosition, Document(r)]),
                    LivePoll p when record.Kind == LiveEventTransfer.Poll => ("""
                        INSERT INTO live_polls (twinspace_id, id, event_id, data) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (twinspace_id, id) DO UPDATE SET event_id = EXCLUDED.event_id, data = EXCLUDED.data
                        """, [twinSpaceId, p.Id, p.EventId, Document(p)]),
                    LiveVote v when record.Kind == LiveEventTransfer.Vote => ("""
                        INSERT INTO live_votes (twinspace_id, poll_id, account_id, event_id, data) VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (twinspace_id, poll_id, account_id) DO UPDATE SET event_id = EXCLUDED.event_id, data = EXCLUDED.data
                        """, [twinSpaceId, v.PollId, v.AccountId, v.EventId, Document(v)]),
                    LiveQuestion q when record.Kind == LiveEventTransfer.Question => ("""
                        INSERT INTO live_questions (twinspace_id, id, event_id, data) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (twinspace_id, id) DO UPDATE SET event_id = EXCLUDED.event_id, data = EXCLUDED.data
                        """, [twinSpaceId, q.Id, q.EventId, Document(q)]),
                    LiveAttendance a when record.Kind == LiveEventTransfer.Attendance => ("""
                        INSERT INTO live_attendance (twinspace_id, id, event_id, data) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (twinspace_id, id) DO UPDATE SET event_id = EXCLUDED.event_id, data = EXCLUDED.data
                        """, [twinSpaceId, a.Id, a.EventId, Document(a)]),
                    _ => throw record.NotOf(LiveEventTransfer.Feature),
                };
                await ExecuteAsync(connection, transaction, sql, token, values).ConfigureAwait(false);
            }
        }, cancellationToken);

    private static object Of<T>(string json) => JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidOperationException($"An empty {typeof(T).Name}.");
}
