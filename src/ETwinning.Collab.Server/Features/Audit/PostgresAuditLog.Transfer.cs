using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

namespace ETwinning.Collab.Server.Features.Audit;

public sealed partial class PostgresAuditLog : IStoreTransfer
{
    public string Feature => AuditTransfer.Feature;

    public IAsyncEnumerable<StoredRecord> ExportAsync(CancellationToken cancellationToken = default) => database.ExportAsync(
    [
        new("SELECT twinspace_id, sequence, doc FROM audit_entries ORDER BY twinspace_id, sequence",
            row => new(AuditTransfer.Entry, row.GetString(0), PostgresDocument.Read<AuditEntry>(row, 2) with { Id = row.GetInt64(1) })),
    ], cancellationToken);

    // The counter rows continue after the highest imported sequence (and never go back).
    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) =>
        database.ImportAsync(batch, record => record.Record switch
        {
            AuditEntry entry when record.Kind == AuditTransfer.Entry => new("""
                INSERT INTO audit_entries (twinspace_id, sequence, doc) VALUES ($1, $2, $3)
                ON CONFLICT (twinspace_id, sequence) DO UPDATE SET doc = excluded.doc
                """, record.RequireTwinSpace(), entry.Id, PostgresDocument.Of(entry)),
            _ => throw record.NotOf(Feature),
        }, """
            INSERT INTO audit_sequences AS s (twinspace_id, last_sequence)
            SELECT twinspace_id, max(sequence) FROM audit_entries WHERE twinspace_id = ANY($1) GROUP BY twinspace_id
            ON CONFLICT (twinspace_id) DO UPDATE SET last_sequence = GREATEST(s.last_sequence, excluded.last_sequence)
            """, cancellationToken);
}
