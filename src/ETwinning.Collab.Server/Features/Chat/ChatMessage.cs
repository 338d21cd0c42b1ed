namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// A stored message, identified by its channel and <see cref="Sequence"/>. Nothing is ever removed: deletes and hides
/// are flags, and the edit history stays for moderators. Services change a message only through
/// <see cref="IChatStore.TryReplaceMessageAsync"/>, on the <see cref="Version"/> they read.
/// </summary>
public sealed record ChatMessage
{
    /// <summary>
    /// Where the store keeps the message, assigned by the store and meaningless to services (the LiteDB store keys its
    /// TwinSpace-wide log by it: see <see cref="LiteDbChatStore"/>; another store may leave it 0).
    /// </summary>
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
    /// <summary>1 when stored, one more with every replacement: what compare-and-set compares.</summary>
    public long Version { get; init; }
    /// <summary>The channel's newest change number when this message was stored (see <see cref="IChatStore"/>).</summary>
    public long StoredAfterChange { get; init; }
    /// <summary>The channel's change number of this message's latest change; 0 when it never changed.</summary>
    public long LastChange { get; init; }

    public bool IsHidden => HiddenBy is not null;
}
