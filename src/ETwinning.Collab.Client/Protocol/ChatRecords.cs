namespace ETwinning.Collab.Client.Protocol;

/// <summary>What a chat channel is for; decides who is in it (see docs/protocol.md, Chat).</summary>
public enum ChatChannelKind
{
    /// <summary>Every member of the TwinSpace.</summary>
    General,
    /// <summary>Teachers (teacher administrators and teachers) only.</summary>
    Teachers,
    /// <summary>Members a teacher chose, e.g. a mixed-country pupil group; readable by every teacher.</summary>
    Breakout,
    /// <summary>Two teachers.</summary>
    Direct,
    /// <summary>The chat of a room (rooms choose the members).</summary>
    Room,
    /// <summary>The chat of a live event: its hosts and the attendees with a seat; read-only once the event ended.</summary>
    LiveEvent,
}

/// <summary>How a message shows to members who are not its moderators.</summary>
public enum ChatMessageState
{
    /// <summary>Published.</summary>
    Visible,
    /// <summary>Deleted by its author; the text is gone for members.</summary>
    Deleted,
    /// <summary>Hidden by a moderator; the text is gone for members.</summary>
    Hidden,
    /// <summary>Held by the word filter until a moderator approves; only the author sees the text.</summary>
    Held,
}

/// <summary>A channel as one member sees it; <see cref="Unread"/> counts messages after the member's read marker.</summary>
public sealed record ChatChannelView(
    string TwinSpaceId, string Id, ChatChannelKind Kind, string Title, IReadOnlyList<string> MemberIds,
    long LastSequence, long ReadSequence, long Unread, bool CanWrite);

/// <summary>Aggregated reactions of one emoji on a message.</summary>
public sealed record ChatReactionView(string Emoji, int Count, IReadOnlyList<string> AccountIds);

/// <summary>
/// A message. <see cref="Sequence"/> is assigned by the server, gap-free per channel, and is what history
/// paging and recovery use. <see cref="Text"/> is empty for deleted, hidden and (except for the author) held messages.
/// </summary>
public sealed record ChatMessageView(
    string TwinSpaceId, string ChannelId, long Sequence, string ClientMessageId, string AuthorId, string AuthorName,
    string Text, DateTime SentAt, DateTime? EditedAt, ChatMessageState State, IReadOnlyList<ChatReactionView> Reactions);

/// <summary>Sends a message; <see cref="ClientMessageId"/> (1-64 of <c>A-Z a-z 0-9 - _</c>) makes retries safe.</summary>
public sealed record SendChatMessageRequest(string ChannelId, string ClientMessageId, string Text);

/// <summary>The stored message; <see cref="Duplicate"/> is true when this client id was sent before (nothing new was stored).</summary>
public sealed record SendChatMessageResult(ChatMessageView Message, bool Duplicate);

/// <summary>A page of history: messages in ascending sequence order, <see cref="HasMore"/> when older ones exist.</summary>
public sealed record ChatHistoryPage(IReadOnlyList<ChatMessageView> Messages, bool HasMore);

/// <summary>
/// What a client missed after <c>afterSequence</c>: new messages in order, and in <see cref="Changed"/> the
/// current state of older messages (up to <c>afterSequence</c>) edited, deleted, hidden, approved or reacted to
/// since message <c>afterSequence</c> was stored. When <see cref="ReloadRequired"/> is true the gap was too large
/// to replay and the client should load the latest history page instead.
/// </summary>
public sealed record ChatRecoveryPage(
    IReadOnlyList<ChatMessageView> Messages, long LastSequence, bool HasMore, bool ReloadRequired, IReadOnlyList<ChatMessageView> Changed);

/// <summary>
/// What <c>CatchUpChatAsync</c> found: new messages in order, and the current state of messages that changed
/// while the client was away (apply after the new ones). Assembled by the .NET client from recovery pages; not
/// sent over the wire.
/// </summary>
public sealed record ChatCatchUp(IReadOnlyList<ChatMessageView> Messages, IReadOnlyList<ChatMessageView> Changed);

/// <summary>Creates a breakout channel for chosen members (the creating teacher is added).</summary>
public sealed record CreateBreakoutChannelRequest(string Title, IReadOnlyList<string> MemberIds);

/// <summary>Someone is typing; clients show it until <see cref="ExpiresInMilliseconds"/> pass without a new event.</summary>
public sealed record ChatTypingEvent(string TwinSpaceId, string ChannelId, string AccountId, string DisplayName, int ExpiresInMilliseconds);

/// <summary>One earlier version of an edited message (moderators only).</summary>
public sealed record ChatEditView(string Text, DateTime ReplacedAt);

/// <summary>A message with everything a moderator may see: full text, edit history, who hid it and why.</summary>
public sealed record ChatMessageDetails(
    ChatMessageView Message, string FullText, IReadOnlyList<ChatEditView> Edits, bool Deleted, bool Held,
    string? HiddenBy, string? HiddenReason);
