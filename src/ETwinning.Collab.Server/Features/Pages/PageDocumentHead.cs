namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// The compacted part of a page body and the counters of its update stream. The body is
/// <see cref="Snapshot"/> plus every update still in the log.
/// </summary>
public sealed record PageDocumentHead
{
    /// <summary>The page id.</summary>
    public required string Id { get; init; }
    /// <summary>The sequence number of the last appended update.</summary>
    public long LastSequence { get; init; }
    /// <summary>The highest sequence number compacted into the snapshot; "since N" below it needs a re-sync.</summary>
    public long CompactedThrough { get; init; }
    /// <summary>A Yjs update holding the whole compacted state (empty: nothing compacted yet).</summary>
    public byte[] Snapshot { get; init; } = [];
}
