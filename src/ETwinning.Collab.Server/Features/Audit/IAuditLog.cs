namespace ETwinning.Collab.Server.Features.Audit;

public interface IAuditLog
{
    Task AppendAsync(string twinSpaceId, AuditEntry entry);

    /// <summary>Newest first, entries with a sequence below <paramref name="beforeSequence"/> when given.</summary>
    IReadOnlyList<AuditEntry> Read(string twinSpaceId, long? beforeSequence, int limit);
}
