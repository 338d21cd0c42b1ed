namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>A post's content before one edit. Moderators can read every revision (what a pupil wrote, then changed).</summary>
public sealed record ForumPostRevision
{
    /// <summary>Ascending sequence assigned by the store.</summary>
    public long Id { get; init; }
    public required string PostId { get; init; }
    public required string Source { get; init; }
    public required string Html { get; init; }
    public DateTime EditedAt { get; init; }
    public required string EditedBy { get; init; }
    public required string EditedByName { get; init; }
}
