namespace ETwinning.Collab.Server.Features.Audit;

/// <summary>A TwinSpace's audit log: append-only, read newest first.</summary>
public interface IAuditLog
{
    /// <summary>
    /// Stores the entry with the TwinSpace's next sequence (<see cref="AuditEntry.Id"/>), assigned in the write that
    /// stores it: unique and ascending in the order entries were stored, so paging by it never skips or repeats one.
    /// </summary>
    Task AppendAsync(string twinSpaceId, AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> entries, newest first, below <paramref name="beforeSequence"/> when given.</summary>
    ValueTask<IReadOnlyList<AuditEntry>> ReadAsync(
        string twinSpaceId, long? beforeSequence, int limit, CancellationToken cancellationToken = default);
}
