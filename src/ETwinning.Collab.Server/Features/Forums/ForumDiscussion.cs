namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>A discussion as stored in the TwinSpace's file. <see cref="RoomId"/> scopes it to a room's forum.</summary>
public sealed record ForumDiscussion
{
    public required string Id { get; init; }
    public string? RoomId { get; init; }
    public required string Title { get; init; }
    public string DescriptionSource { get; init; } = "";
    public string DescriptionHtml { get; init; } = "";
    public required string CreatedBy { get; init; }
    public required string CreatedByName { get; init; }
    public DateTime CreatedAt { get; init; }
    public int ThreadCount { get; init; }
    public DateTime LastActivityAt { get; init; }
}
