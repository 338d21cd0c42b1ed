namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>
/// A thread as stored. <see cref="LastNumber"/> numbers its posts (1 = opening post); <see cref="Version"/> grows
/// on every change to any of its posts, so a client that missed events asks for "changes since version N".
/// </summary>
public sealed record ForumThread
{
    public required string Id { get; init; }
    public required string DiscussionId { get; init; }
    public required string Title { get; init; }
    public required string AuthorId { get; init; }
    public required string AuthorName { get; init; }
    public DateTime CreatedAt { get; init; }
    public bool Pinned { get; init; }
    public bool Locked { get; init; }
    public bool Deleted { get; init; }
    public int ReplyCount { get; init; }
    public DateTime LastActivityAt { get; init; }
    public int LastNumber { get; init; }
    public long Version { get; init; }

    /// <summary>Pinned first, then the most recent activity: one descending sort key, so paging is one indexed query.</summary>
    public string SortKey { get; init; } = "";

    public ForumThread WithSortKey() => this with { SortKey = (Pinned ? "1" : "0") + LastActivityAt.Ticks.ToString("D20") };
}
