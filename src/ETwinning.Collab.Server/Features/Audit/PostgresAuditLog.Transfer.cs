using System.Runtime.CompilerServices;
using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

namespace ETwinning.Collab.Server.Features.Audit;

public sealed partial class PostgresAuditLog : IStoreTransfer
{
    public string Feature => AuditTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (twinSpaceId, entry) in database.QueryAllAsync(
            "SELECT twinspace_id, sequence, doc FROM audit_entries ORDER BY twinspace_id, sequence",
            row => (row.GetString(0), PostgresDocument.Read<AuditEntry>(row, 2) with { Id = row.GetInt64(1) }), cancellationToken).ConfigureAwait(false))
            yield return new(AuditTransfer.Entry, twinSpaceId, entry);
    }

    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            foreach (var record in batch)
            {
                var entry = record.Kind == AuditTransfer.Entry ? (AuditEntry)record.Record : throw record.NotOf(Feature);
                await connection.ExecuteAsync(transaction, """
                    INSERT INTO audit_entries (twinspace_id, sequence, doc) VALUES ($1, $2, $3)
                    ON CONFLICT (twinspace_id, sequence) DO UPDATE SET doc = excluded.doc
                    """, [record.RequireTwinSpace(), entry.Id, PostgresDocument.Of(entry)], token).ConfigureAwait(false);
            }
            // The counter rows continue after the highest imported sequence (and never go back).
            await connection.ExecuteAsync(transaction, """
                INSERT INTO audit_sequences AS s (twinspace_id, last_sequence)
                SELECT twinspace_id, max(sequence) FROM audit_entries WHERE twinspace_id = ANY($1) GROUP BY twinspace_id
                ON CONFLICT (twinspace_id) DO UPDATE SET last_sequence = GREATEST(s.last_sequence, excluded.last_sequence)
                """, [batch.Select(record => record.RequireTwinSpace()).Distinct().ToArray()], token).ConfigureAwait(false);
        }, cancellationToken);
}
