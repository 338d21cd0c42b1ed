using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Audit;

public sealed class LiteDbAuditLog(DatabaseFiles files) : IAuditLog
{
    private const string Collection = "audit";

    /// <summary>Created when a TwinSpace file opens (<see cref="Infrastructure.Storage.TwinSpaceCollections"/>).</summary>
    public static readonly string[] Collections = [Collection];

    public Task AppendAsync(string twinSpaceId, AuditEntry entry) =>
        files.ForTwinSpace(twinSpaceId).WriteAsync(db => db.GetCollection<AuditEntry>(Collection, BsonAutoId.Int64).Insert(entry));

    public IReadOnlyList<AuditEntry> Read(string twinSpaceId, long? beforeSequence, int limit)
    {
        var before = beforeSequence ?? long.MaxValue;
        return files.ForTwinSpace(twinSpaceId).Read(db => db.GetCollection<AuditEntry>(Collection, BsonAutoId.Int64)
            .Query().Where(e => e.Id < before).OrderByDescending(e => e.Id).Limit(limit).ToList());
    }
}
