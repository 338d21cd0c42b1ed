using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

namespace ETwinning.Collab.Server.Features.Audit;

/// <summary>
/// Every TwinSpace's audit log in one table, keyed and paged by (TwinSpace, sequence). The sequence comes from the
/// TwinSpace's counter row, bumped in the same statement that stores the entry: unique and gap-free across nodes
/// (a concurrent append waits on the row lock), and a write that rolls back gives its number back. The entry itself
/// is only ever read whole, so it is kept as <c>doc</c>; its <see cref="AuditEntry.Id"/> is the sequence column.
/// </summary>
public sealed partial class PostgresAuditLog(PostgresDatabase database) : IAuditLog
{
    public static readonly PostgresMigration[] Migrations =
    [
        new("audit", 1, """
            CREATE TABLE audit_sequences (
                twinspace_id text PRIMARY KEY,
                last_sequence bigint NOT NULL);
            CREATE TABLE audit_entries (
                twinspace_id text NOT NULL,
                sequence bigint NOT NULL,
                doc jsonb NOT NULL,
                PRIMARY KEY (twinspace_id, sequence));
            """),
    ];

    public Task AppendAsync(string twinSpaceId, AuditEntry entry, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => connection.ExecuteAsync(transaction, """
            WITH next AS (
                INSERT INTO audit_sequences AS s (twinspace_id, last_sequence) VALUES ($1, 1)
                ON CONFLICT (twinspace_id) DO UPDATE SET last_sequence = s.last_sequence + 1
                RETURNING last_sequence)
            INSERT INTO audit_entries (twinspace_id, sequence, doc) SELECT $1, last_sequence, $2 FROM next
            """, [twinSpaceId, PostgresDocument.Of(entry)], token), cancellationToken);

    public async ValueTask<IReadOnlyList<AuditEntry>> ReadAsync(
        string twinSpaceId, long? beforeSequence, int limit, CancellationToken cancellationToken = default) =>
        await database.ReadAsync((connection, token) => connection.QueryAsync(null, """
            SELECT sequence, doc FROM audit_entries WHERE twinspace_id = $1 AND sequence < $2
            ORDER BY sequence DESC LIMIT $3
            """, [twinSpaceId, beforeSequence ?? long.MaxValue, limit],
            row => PostgresDocument.Read<AuditEntry>(row, 1) with { Id = row.GetInt64(0) }, token), cancellationToken).ConfigureAwait(false);
}
