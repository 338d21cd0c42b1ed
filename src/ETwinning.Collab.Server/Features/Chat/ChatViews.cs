using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces;

namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>Stored chat records to wire views; this is where redaction for members happens.</summary>
internal static class ChatViews
{
    public static ChatChannelView View(this ChatChannel channel, string twinSpaceId, Membership viewer, long readSequence, ChatStanding standing = default) =>
        new(twinSpaceId, channel.Id, channel.Kind, channel.Title, channel.MemberIds, channel.LastSequence, readSequence,
            Math.Max(0, channel.LastSequence - readSequence), ChatAccess.CanWrite(channel, viewer, standing));

    public static ChatMessageState State(this ChatMessage message) =>
        message.IsHidden ? ChatMessageState.Hidden
        : message.Deleted ? ChatMessageState.Deleted
        : message.Held ? ChatMessageState.Held
        : ChatMessageState.Visible;

    /// <summary>
    /// As members see it: no text for deleted, hidden or held messages, except that authors see their own held
    /// text (so they know what waits for review). <paramref name="viewerId"/> null means "any member" (broadcasts).
    /// </summary>
    public static ChatMessageView View(this ChatMessage message, string twinSpaceId, string? viewerId)
    {
        var state = message.State();
        var showText = state == ChatMessageState.Visible || (state == ChatMessageState.Held && viewerId == message.AuthorId);
        return new ChatMessageView(twinSpaceId, message.ChannelId, message.Sequence, message.ClientMessageId, message.AuthorId,
            message.AuthorName, showText ? message.Text : "", message.SentAt, message.EditedAt, state,
            state == ChatMessageState.Visible
                ? message.Reactions.Select(r => new ChatReactionView(r.Emoji, r.AccountIds.Count, r.AccountIds)).ToList()
                : []);
    }

    public static ChatMessageDetails Details(this ChatMessage message, string twinSpaceId) =>
        new(message.View(twinSpaceId, message.AuthorId) with { Text = message.Text }, message.Text,
            message.Edits.Select(e => new ChatEditView(e.Text, e.ReplacedAt)).ToList(),
            message.Deleted, message.Held, message.HiddenBy, message.HiddenReason);
}
