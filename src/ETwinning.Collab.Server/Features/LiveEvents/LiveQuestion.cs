using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>A Q&amp;A question. <see cref="UpvoterIds"/> holds each upvoting account once (the store's upvote operation).</summary>
public sealed record LiveQuestion
{
    public required string Id { get; init; }
    public required string EventId { get; init; }
    public required string AuthorId { get; init; }
    public required string AuthorName { get; init; }
    public bool Anonymous { get; init; }
    public required string Text { get; init; }
    public DateTime AskedAt { get; init; }
    public LiveQuestionState State { get; init; }
    public List<string> UpvoterIds { get; init; } = [];
}
