namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// A stored message. Its key is its <see cref="Position"/> in the TwinSpace's chat log, not its channel and
/// sequence: see <see cref="LiteDbChatStore"/> for why. Nothing is ever removed: deletes and hides are flags, and
/// the edit history stays for moderators.
/// </summary>
public sealed record ChatMessage
{
    /// <summary>Place in the file's chat log, 1, 2, 3... across all channels, in the order messages were stored.</summary>
    public long Position { get; init; }
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

    public bool IsHidden => HiddenBy is not null;
}
