namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// The last sequence appended to a page's log, kept apart from <see cref="PageDocumentHead"/> in the LiteDB file:
/// LiteDB stores a document whole, so a counter inside the head made every keystroke read, copy and rewrite the page's
/// snapshot (its size grows with the page). Absent for pages written before it existed: the head's count holds then.
/// </summary>
internal sealed record PageSequenceCounter
{
    /// <summary>The page id.</summary>
    public required string Id { get; init; }
    public long LastSequence { get; init; }
}
