using System.Collections.Concurrent;
using System.Globalization;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Moderation;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Metrics;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// Messages: send (screened, rate limited, idempotent, acknowledged after commit), history, recovery since a
/// sequence, edits within a window, deletes, reactions, typing and read markers.
/// </summary>
public sealed class ChatMessageService(
    IChatStore store, ChatMessageChanges changes, ChatChannelService channels, ModerationService moderation, ChatRateLimiter rateLimiter,
    ChatHolds holds, IChatNotifier notifier, IOptions<ChatOptions> options, TimeProvider clock)
{
    public const string ContentKind = "chat.message";
    private const int MaxTypingEntries = 10_000;

    private readonly ChatOptions _options = options.Value;
    private readonly ConcurrentDictionary<(string TwinSpaceId, string ChannelId, string AccountId), long> _lastTyping = new();

    /// <summary>The mute scope of a channel, shared with <see cref="ChatModerationService"/>.</summary>
    public static string MuteScope(string channelId) => "chat:" + channelId;

    public static ContentRef ContentOf(string channelId, long sequence) =>
        new(ContentKind, channelId, sequence.ToString(CultureInfo.InvariantCulture));

    /// <summary>Completes after the message is durable; live delivery follows and is best effort.</summary>
    public async Task<SendChatMessageResult> SendAsync(MemberContext member, SendChatMessageRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var clientMessageId = RequireClientMessageId(request.ClientMessageId);
        var text = RequireMessageText(request.Text);
        var channel = await channels.RequireWritableAsync(member, request.ChannelId, cancellationToken).ConfigureAwait(false);
        await RequireNotMutedAsync(member, channel.Id, cancellationToken).ConfigureAwait(false);
        rateLimiter.Demand(member.AccountId, member.Caller.IsPupil);
        var verdict = await moderation.ScreenAsync(member.TwinSpaceId, text, cancellationToken).ConfigureAwait(false);
        if (verdict.Outcome == ScreenOutcome.Blocked)
            throw CollabException.Invalid("This message contains words that are not allowed in this TwinSpace.").WithKey("Chat_WordsNotAllowed");

        var appended = await store.AppendAsync(member.TwinSpaceId, new ChatMessage
        {
            ChannelId = channel.Id,
            ClientMessageId = clientMessageId,
            AuthorId = member.AccountId,
            AuthorName = member.Membership.DisplayName,
            Text = verdict.Text,
            SentAt = clock.GetUtcNow().UtcDateTime,
            Held = verdict.Outcome == ScreenOutcome.Held,
        }, cancellationToken).ConfigureAwait(false);
        var message = appended.Message;
        if (!appended.Duplicate)
        {
            CollabMetrics.ChatMessages.Add(1);
            if (message.Held) await holds.QueueAsync(member.TwinSpaceId, message, verdict.Matched, cancellationToken).ConfigureAwait(false);
            await notifier.MessageAddedAsync(message.View(member.TwinSpaceId, viewerId: null)).ConfigureAwait(false);
        }
        return new SendChatMessageResult(message.View(member.TwinSpaceId, member.AccountId), appended.Duplicate);
    }

    /// <summary>Messages before <c>beforeSequence</c> (the newest page when null), ascending.</summary>
    public async Task<ChatHistoryPage> HistoryAsync(
        MemberContext member, string channelId, long? beforeSequence, int? limit, CancellationToken cancellationToken = default)
    {
        var channel = await channels.RequireReadableAsync(member, channelId, cancellationToken).ConfigureAwait(false);
        if (beforeSequence is < 1) throw CollabException.Invalid("beforeSequence starts at 1.").WithKey("Chat_BeforeSequence");
        var page = await store.BeforeAsync(member.TwinSpaceId, channel.Id, beforeSequence ?? long.MaxValue, PageSize(limit), cancellationToken)
            .ConfigureAwait(false);
        return new ChatHistoryPage(page.Select(m => m.View(member.TwinSpaceId, member.AccountId)).ToList(),
            HasMore: page.Count > 0 && page[0].Sequence > 1);
    }

    /// <summary>
    /// Every message after <paramref name="afterSequence"/>, in order, a page at a time, with the older messages changed
    /// since message <paramref name="afterSequence"/> was stored; or "reload" when the gap is too large.
    /// </summary>
    public async Task<ChatRecoveryPage> SinceAsync(
        MemberContext member, string channelId, long afterSequence, int? limit, CancellationToken cancellationToken = default)
    {
        var channel = await channels.RequireReadableAsync(member, channelId, cancellationToken).ConfigureAwait(false);
        if (afterSequence < 0) throw CollabException.Invalid("afterSequence cannot be negative.").WithKey("Chat_AfterSequence");
        // The gap is checked first: a client that must reload gains nothing from the changes, and they cost a scan.
        var changed = channel.LastSequence - afterSequence > _options.MaxRecoveryGapMessages ? null
            : await store.ChangedSinceAsync(member.TwinSpaceId, channel.Id, afterSequence, _options.MaxRecoveryGapMessages, cancellationToken)
                .ConfigureAwait(false);
        if (changed is null)
            return new ChatRecoveryPage([], channel.LastSequence, HasMore: false, ReloadRequired: true, Changed: []);
        var page = await store.AfterAsync(member.TwinSpaceId, channel.Id, afterSequence, PageSize(limit), cancellationToken).ConfigureAwait(false);
        var newest = page.Count > 0 ? page[^1].Sequence : afterSequence;
        var last = Math.Max(channel.LastSequence, newest);
        return new ChatRecoveryPage(page.Select(m => m.View(member.TwinSpaceId, member.AccountId)).ToList(), last,
            HasMore: newest < last, ReloadRequired: false, Changed: changed.Select(m => m.View(member.TwinSpaceId, member.AccountId)).ToList());
    }

    public async Task<ChatMessageView> EditAsync(
        MemberContext member, string channelId, long sequence, string? newText, CancellationToken cancellationToken = default)
    {
        var text = RequireMessageText(newText);
        var channel = await channels.RequireWritableAsync(member, channelId, cancellationToken).ConfigureAwait(false);
        await RequireNotMutedAsync(member, channel.Id, cancellationToken).ConfigureAwait(false);
        var verdict = await moderation.ScreenAsync(member.TwinSpaceId, text, cancellationToken).ConfigureAwait(false);
        if (verdict.Outcome == ScreenOutcome.Blocked)
            throw CollabException.Invalid("This message contains words that are not allowed in this TwinSpace.").WithKey("Chat_WordsNotAllowed");
        var now = clock.GetUtcNow().UtcDateTime;
        var edited = await changes.ChangeAsync(member.TwinSpaceId, channel.Id, sequence, message =>
        {
            if (message.AuthorId != member.AccountId) throw CollabException.Forbidden("Only the author can edit a message.").WithKey("Chat_OnlyAuthorEdits");
            if (message.Deleted || message.IsHidden) throw CollabException.Conflict("This message was deleted or hidden.").WithKey("Chat_DeletedOrHidden");
            if (now - message.SentAt > TimeSpan.FromSeconds(_options.EditWindowSeconds))
                throw CollabException.Conflict($"Messages can be edited for {_options.EditWindowSeconds / 60} minutes after sending.").WithKey("Chat_EditWindow", _options.EditWindowSeconds / 60);
            if (message.Text == verdict.Text) return message;
            return message with
            {
                Text = verdict.Text,
                EditedAt = now,
                Held = message.Held || verdict.Outcome == ScreenOutcome.Held,
                Edits = [.. message.Edits, new ChatMessageEdit { Text = message.Text, ReplacedAt = now }],
            };
        }, cancellationToken).ConfigureAwait(false);
        if (verdict.Outcome == ScreenOutcome.Held)
            await holds.QueueAsync(member.TwinSpaceId, edited, verdict.Matched, cancellationToken).ConfigureAwait(false);
        await notifier.MessageChangedAsync(edited.View(member.TwinSpaceId, viewerId: null)).ConfigureAwait(false);
        return edited.View(member.TwinSpaceId, member.AccountId);
    }

    /// <summary>Soft delete by the author: members see a tombstone, moderators still see the text.</summary>
    public async Task<ChatMessageView> DeleteAsync(MemberContext member, string channelId, long sequence, CancellationToken cancellationToken = default)
    {
        var channel = await channels.RequireWritableAsync(member, channelId, cancellationToken).ConfigureAwait(false);
        var deleted = await changes.ChangeAsync(member.TwinSpaceId, channel.Id, sequence, message =>
        {
            if (message.AuthorId != member.AccountId) throw CollabException.Forbidden("Only the author can delete a message.").WithKey("Chat_OnlyAuthorDeletes");
            return message.Deleted ? message : message with { Deleted = true };
        }, cancellationToken).ConfigureAwait(false);
        await notifier.MessageChangedAsync(deleted.View(member.TwinSpaceId, viewerId: null)).ConfigureAwait(false);
        return deleted.View(member.TwinSpaceId, member.AccountId);
    }

    public async Task<ChatMessageView> ReactAsync(
        MemberContext member, string channelId, long sequence, string? emoji, bool add, CancellationToken cancellationToken = default)
    {
        var reaction = Require.Text(emoji, "Emoji", 1, _options.MaxReactionLength);
        if (reaction.Any(char.IsWhiteSpace)) throw CollabException.Invalid("A reaction is one emoji.").WithKey("Chat_OneEmoji");
        var channel = await channels.RequireWritableAsync(member, channelId, cancellationToken).ConfigureAwait(false);
        await RequireNotMutedAsync(member, channel.Id, cancellationToken).ConfigureAwait(false);
        var changed = await changes.ChangeAsync(member.TwinSpaceId, channel.Id, sequence, message =>
        {
            if (message.State() != ChatMessageState.Visible) throw CollabException.Conflict("This message cannot get reactions.").WithKey("Chat_NoReactions");
            var existing = message.Reactions.FirstOrDefault(r => r.Emoji == reaction);
            var mine = existing?.AccountIds.Contains(member.AccountId) == true;
            if (add == mine) return message;
            if (add && existing is null && message.Reactions.Count >= _options.MaxReactionsPerMessage)
                throw CollabException.TooLarge("This message has as many different reactions as it can have.").WithKey("Chat_MaxReactions");
            var others = message.Reactions.Where(r => r.Emoji != reaction);
            List<string> accounts = add ? [.. existing?.AccountIds ?? [], member.AccountId] : existing!.AccountIds.Where(a => a != member.AccountId).ToList();
            return message with
            {
                Reactions = accounts.Count == 0 ? others.ToList() : [.. others, new ChatReaction { Emoji = reaction, AccountIds = accounts }],
            };
        }, cancellationToken).ConfigureAwait(false);
        await notifier.MessageChangedAsync(changed.View(member.TwinSpaceId, viewerId: null)).ConfigureAwait(false);
        return changed.View(member.TwinSpaceId, member.AccountId);
    }

    /// <summary>Passes a typing event on, at most once per throttle interval per member and channel; the rest are dropped.</summary>
    public async Task TypingAsync(MemberContext member, string channelId, CancellationToken cancellationToken = default)
    {
        var channel = await channels.RequireWritableAsync(member, channelId, cancellationToken).ConfigureAwait(false);
        // A muted member is not announced as typing either; no error, since clients send this as a side effect of typing.
        if (await moderation.ActiveMuteAsync(member.TwinSpaceId, MuteScope(channel.Id), member.AccountId, cancellationToken).ConfigureAwait(false) is not null)
            return;
        var now = Environment.TickCount64;
        var key = (member.TwinSpaceId, channel.Id, member.AccountId);
        if (_lastTyping.TryGetValue(key, out var last) && now - last < _options.TypingThrottleMilliseconds) return;
        _lastTyping[key] = now;
        // Entries older than the throttle decide nothing any more; drop them now and then so the map stays small.
        if (_lastTyping.Count > MaxTypingEntries)
            foreach (var stale in _lastTyping.Where(entry => now - entry.Value >= _options.TypingThrottleMilliseconds).ToList())
                _lastTyping.TryRemove(stale);
        await notifier.TypingAsync(new ChatTypingEvent(member.TwinSpaceId, channel.Id, member.AccountId,
            member.Membership.DisplayName, _options.TypingExpiryMilliseconds)).ConfigureAwait(false);
    }

    /// <summary>Moves the member's read marker (never back); returns the channel with its new unread count.</summary>
    public async Task<ChatChannelView> MarkReadAsync(MemberContext member, string channelId, long sequence, CancellationToken cancellationToken = default)
    {
        var (channel, standing) = await channels.ReadableAsync(member, channelId, cancellationToken).ConfigureAwait(false);
        if (sequence < 0) throw CollabException.Invalid("sequence cannot be negative.").WithKey("Chat_SequenceNegative");
        var marker = await store.AdvanceReadMarkerAsync(member.TwinSpaceId, channel.Id, member.AccountId,
            Math.Min(sequence, channel.LastSequence), cancellationToken).ConfigureAwait(false);
        return channel.View(member.TwinSpaceId, member.Membership, marker, standing);
    }

    private async ValueTask RequireNotMutedAsync(MemberContext member, string channelId, CancellationToken cancellationToken)
    {
        if (await moderation.ActiveMuteAsync(member.TwinSpaceId, MuteScope(channelId), member.AccountId, cancellationToken).ConfigureAwait(false) is { } mute)
            throw CollabException.Forbidden($"A teacher muted you in this channel until {mute.Until:HH:mm} UTC.").WithKey("Chat_Muted", mute.Until);
    }

    private string RequireMessageText(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) throw CollabException.Invalid("A message needs some text.").WithKey("Chat_Empty");
        if (trimmed.Length > _options.MaxMessageLength)
            throw CollabException.TooLarge($"A message can have at most {_options.MaxMessageLength} characters.").WithKey("Chat_TooLong", _options.MaxMessageLength);
        // Line breaks and tabs are text; other control characters only hide things from readers and filters.
        if (trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            throw CollabException.Invalid("The message contains control characters.").WithKey("Chat_ControlCharacters");
        return trimmed;
    }

    private static string RequireClientMessageId(string? clientMessageId)
    {
        if (string.IsNullOrEmpty(clientMessageId) || clientMessageId.Length > 64
            || !clientMessageId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw CollabException.Invalid("clientMessageId must be 1-64 letters, digits, '-' or '_'.").WithKey("Chat_ClientMessageId");
        return clientMessageId;
    }

    private int PageSize(int? limit) => limit is null ? _options.DefaultPageSize
        : limit < 1 ? throw CollabException.Invalid("limit must be at least 1.").WithKey("Chat_LimitPositive")
        : Math.Min(limit.Value, _options.MaxPageSize);
}
