namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// A stored message. The key is <c>channelId:sequence</c> (zero-padded) so a channel's messages are contiguous by
/// key and a page is a run of look-ups by id. Nothing is ever removed: deletes and hides are flags, and the edit
/// history stays for moderators.
/// </summary>
public sealed record ChatMessage
{
    public string Id { get; init; } = "";
    public required string ChannelId { get; init; }
    public long Sequence { get; init; }
    public required string ClientMessageId { get; init; }
    public required string AuthorId { get; init; }
    public required string AuthorName { get; init; }
    public required string Text { get; init; }
    public required DateTime SentAt { get; init; }
    public DateTime? EditedAt { get; init; }
    public List<ChatMessageEdit> Edits { get; init; } = [];
    public bool Deleted { get; init; }
    /// <summary>Held by the word filter until a moderator approves it.</summary>
    public bool Held { get; init; }
    public string? HiddenBy { get; init; }
    public string? HiddenReason { get; init; }
    public List<ChatReaction> Reactions { get; init; } = [];

    [LiteDB.BsonIgnore] public bool IsHidden => HiddenBy is not null;

    public static string KeyOf(string channelId, long sequence) => $"{channelId}:{sequence:D12}";
}
