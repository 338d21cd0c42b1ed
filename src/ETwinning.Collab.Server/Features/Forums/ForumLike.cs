namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>One member's like of one post; the key makes a second like of the same post impossible.</summary>
public sealed record ForumLike
{
    /// <summary><c>postId:accountId</c>.</summary>
    public required string Id { get; init; }
    public required string PostId { get; init; }
    public required string AccountId { get; init; }
    public DateTime At { get; init; }

    public static string KeyOf(string postId, string accountId) => $"{postId}:{accountId}";
}
