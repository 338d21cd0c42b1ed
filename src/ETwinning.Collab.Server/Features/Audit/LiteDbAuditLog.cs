using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Audit;

/// <summary>The audit log in each TwinSpace's own file; LiteDB's auto-increment id, assigned in the insert, is the sequence.</summary>
public sealed partial class LiteDbAuditLog(DatabaseFiles files) : IAuditLog
{
    private const string Collection = "audit";

    /// <summary>Created when a TwinSpace file opens (<see cref="Infrastructure.Storage.TwinSpaceCollections"/>).</summary>
    public static readonly string[] Collections = [Collection];

    public Task AppendAsync(string twinSpaceId, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return files.ForTwinSpace(twinSpaceId).WriteAsync(db => db.GetCollection<AuditEntry>(Collection, BsonAutoId.Int64).Insert(entry));
    }

    public ValueTask<IReadOnlyList<AuditEntry>> ReadAsync(
        string twinSpaceId, long? beforeSequence, int limit, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var before = beforeSequence ?? long.MaxValue;
        return ValueTask.FromResult<IReadOnlyList<AuditEntry>>(files.ForTwinSpace(twinSpaceId).Read(db => db.GetCollection<AuditEntry>(Collection, BsonAutoId.Int64)
            .Query().Where(e => e.Id < before).OrderByDescending(e => e.Id).Limit(limit).ToList()));
    }
}
