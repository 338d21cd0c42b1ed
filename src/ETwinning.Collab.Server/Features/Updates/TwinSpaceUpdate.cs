using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Updates;

/// <summary>
/// One bulletin note or journal entry as stored in its TwinSpace's file. <see cref="Sequence"/> is assigned by the
/// store per (TwinSpace, kind) from 1 without gaps; <see cref="Version"/> moves on every replace (compare-and-set).
/// </summary>
public sealed record TwinSpaceUpdate
{
    public required string Id { get; init; }
    public required string TwinSpaceId { get; init; }
    public required UpdateKind Kind { get; init; }
    public long Sequence { get; init; }
    /// <summary>The author's idempotency key: a retried post with the same author and key returns the stored entry.</summary>
    public required string ClientId { get; init; }
    public required string AuthorId { get; init; }
    public required string AuthorName { get; init; }
    public required string Title { get; init; }
    public required string Text { get; init; }
    public required DateTime CreatedAt { get; init; }
    public DateTime? EditedAt { get; init; }
    public bool IsDeleted { get; init; }
    public long Version { get; init; }
}
