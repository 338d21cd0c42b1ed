namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>How far one member has read one thread: the basis of unread counts and "new since your last visit".</summary>
public sealed record ForumReadMarker
{
    /// <summary><c>threadId:accountId</c>.</summary>
    public required string Id { get; init; }
    public required string ThreadId { get; init; }
    public required string AccountId { get; init; }
    public int LastReadNumber { get; init; }
    public DateTime LastVisitAt { get; init; }

    public static string KeyOf(string threadId, string accountId) => $"{threadId}:{accountId}";
}
