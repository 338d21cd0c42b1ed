using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Moderation;

/// <summary>An entry of a TwinSpace's review queue, stored in the TwinSpace's own file.</summary>
public sealed record ReviewItem
{
    public required string Id { get; init; }
    public required string ContentKind { get; init; }
    public required string ContainerId { get; init; }
    public required string ContentId { get; init; }
    /// <summary><see cref="ContentRef.Key"/>, indexed to find the open item of a piece of content.</summary>
    public required string ContentKey { get; init; }
    public required string AuthorId { get; init; }
    public required string AuthorName { get; init; }
    public required string Excerpt { get; init; }
    public required ReviewReason Reason { get; init; }
    /// <summary>"name: reason" per report; a reporter counts once.</summary>
    public List<string> Reports { get; init; } = [];
    public List<string> ReporterIds { get; init; } = [];
    public ReviewState State { get; init; }
    public required DateTime CreatedAt { get; init; }
    public string? ResolvedBy { get; init; }
    public DateTime? ResolvedAt { get; init; }

    public ContentRef ToContentRef() => new(ContentKind, ContainerId, ContentId);

    public ReviewItemView View() => new(Id, ContentKind, ContainerId, ContentId, AuthorId, AuthorName, Excerpt, Reason,
        Reports, State, CreatedAt, ResolvedBy, ResolvedAt);
}
