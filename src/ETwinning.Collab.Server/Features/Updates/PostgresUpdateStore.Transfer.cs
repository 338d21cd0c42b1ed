using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

namespace ETwinning.Collab.Server.Features.Updates;

public sealed partial class PostgresUpdateStore : IStoreTransfer
{
    public string Feature => UpdateTransfer.Feature;

    public IAsyncEnumerable<StoredRecord> ExportAsync(CancellationToken cancellationToken = default) => database.ExportAsync(
    [
        new($"SELECT {Columns} FROM updates ORDER BY twinspace_id, kind, sequence", row =>
        {
            var entry = Read(row);
            return new(UpdateTransfer.Entry, entry.TwinSpaceId, entry);
        }),
    ], cancellationToken);

    // Each feed's counter row continues after its highest imported sequence (and never goes back).
    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) =>
        database.ImportAsync(batch, record => record.Record switch
        {
            TwinSpaceUpdate entry when record.Kind == UpdateTransfer.Entry => new($"""
                INSERT INTO updates (twinspace_id, kind, author_id, client_id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (twinspace_id, kind, sequence) DO UPDATE SET author_id = excluded.author_id, client_id = excluded.client_id,
                    doc = excluded.doc, version = excluded.version, is_deleted = excluded.is_deleted
                """, entry.TwinSpaceId, entry.Kind, entry.AuthorId, entry.ClientId, PostgresDocument.Of(entry), entry.Sequence, entry.Version,
                entry.IsDeleted),
            _ => throw record.NotOf(Feature),
        }, """
            INSERT INTO update_feeds AS f (twinspace_id, kind, last_sequence)
            SELECT twinspace_id, kind, max(sequence) FROM updates WHERE twinspace_id = ANY($1) GROUP BY twinspace_id, kind
            ON CONFLICT (twinspace_id, kind) DO UPDATE SET last_sequence = GREATEST(f.last_sequence, excluded.last_sequence)
            """, cancellationToken);
}
