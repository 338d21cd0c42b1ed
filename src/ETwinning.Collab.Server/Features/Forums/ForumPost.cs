using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>
/// A post as stored: the Markdown source and its sanitized HTML (rendered once, on write), the quoted post by
/// reference, attachments as Material ids, and its moderation state. Nothing is ever removed: deletion is a state.
/// </summary>
public sealed record ForumPost
{
    public required string Id { get; init; }
    public required string ThreadId { get; init; }
    public required string DiscussionId { get; init; }
    public int Number { get; init; }
    public long Version { get; init; }
    public required string AuthorId { get; init; }
    public required string AuthorName { get; init; }
    public required string Source { get; init; }
    public required string Html { get; init; }
    public string? QuotedPostId { get; init; }
    public List<string> AttachmentIds { get; init; } = [];
    public DateTime CreatedAt { get; init; }
    public DateTime? EditedAt { get; init; }
    public int LikeCount { get; init; }
    public ForumPostState State { get; init; }
    /// <summary>Why it was hidden or held; shown to the author and moderators only.</summary>
    public string? ModerationNote { get; init; }
    public string? ModeratedBy { get; init; }
}
