using System.Globalization;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Moderation;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// Chat's side of moderation: reports, hides, mutes, the chat part of the review queue and the word list. The
/// shared <see cref="ModerationService"/> keeps the queue, the mutes and the audit log; this class applies
/// decisions to messages (it is also chat's <see cref="IModeratedContent"/>).
/// </summary>
public sealed class ChatModerationService(
    IChatStore store, ChatMessageChanges changes, ChatChannelService channels, ModerationService moderation, ChatHolds holds, ITwinSpaceStore twinSpaces, IChatNotifier notifier)
    : IModeratedContent
{
    public string Kind => ChatMessageService.ContentKind;

    /// <summary>Any reader may report a message; reports of one message gather in one review item.</summary>
    public async Task<ReviewItemView> ReportAsync(
        MemberContext member, string channelId, long sequence, string? reason, CancellationToken cancellationToken = default)
    {
        var channel = await channels.RequireReadableAsync(member, channelId, cancellationToken).ConfigureAwait(false);
        var message = await RequireMessageAsync(member.TwinSpaceId, channel.Id, sequence, cancellationToken).ConfigureAwait(false);
        var item = await moderation.ReportAsync(member, ChatMessageService.ContentOf(channel.Id, sequence), message.AuthorId,
            message.AuthorName, message.Text, reason, cancellationToken).ConfigureAwait(false);
        return item.View();
    }

    public async Task<ChatMessageView> HideAsync(
        MemberContext moderator, string channelId, long sequence, string? reason, CancellationToken cancellationToken = default)
    {
        var why = moderation.RequireReason(reason);
        var channel = await channels.RequireReadableAsync(moderator, channelId, cancellationToken).ConfigureAwait(false);
        var hidden = await HideMessageAsync(moderator.TwinSpaceId, channel.Id, sequence, moderator.AccountId, why, cancellationToken).ConfigureAwait(false);
        await moderation.RecordHiddenAsync(moderator, ChatMessageService.ContentOf(channel.Id, sequence), why, cancellationToken).ConfigureAwait(false);
        return hidden;
    }

    public async Task<ChatMessageDetails> DetailsAsync(
        MemberContext moderator, string channelId, long sequence, CancellationToken cancellationToken = default)
    {
        var channel = await channels.RequireReadableAsync(moderator, channelId, cancellationToken).ConfigureAwait(false);
        return (await RequireMessageAsync(moderator.TwinSpaceId, channel.Id, sequence, cancellationToken).ConfigureAwait(false))
            .Details(moderator.TwinSpaceId);
    }

    /// <summary>Mutes a pupil or guest in a channel; teachers who supervise are not muted by each other.</summary>
    public async Task<MuteView> MuteAsync(
        MemberContext moderator, string channelId, string accountId, int minutes, string? reason, CancellationToken cancellationToken = default)
    {
        var channel = await channels.RequireReadableAsync(moderator, channelId, cancellationToken).ConfigureAwait(false);
        var target = await twinSpaces.FindMembershipAsync(moderator.TwinSpaceId, Require.Id(accountId, "accountId"), cancellationToken).ConfigureAwait(false)
            ?? throw CollabException.NotFound("No such member.").WithKey("NotFound_Member");
        if (ChatAccess.IsSupervisor(target.Role)) throw CollabException.Forbidden("Teachers cannot be muted.").WithKey("Chat_TeachersNotMuted");
        var mute = await moderation.MuteAsync(moderator, ChatMessageService.MuteScope(channel.Id), target.AccountId, minutes, reason,
            cancellationToken).ConfigureAwait(false);
        return mute.View();
    }

    public async Task UnmuteAsync(MemberContext moderator, string channelId, string accountId, CancellationToken cancellationToken = default)
    {
        var channel = await channels.RequireReadableAsync(moderator, channelId, cancellationToken).ConfigureAwait(false);
        await moderation.UnmuteAsync(moderator, ChatMessageService.MuteScope(channel.Id), Require.Id(accountId, "accountId"), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Mutes in force in the TwinSpace's chat channels, ending soonest first: teachers see who cannot write where.</summary>
    public async Task<IReadOnlyList<MuteView>> MutesAsync(MemberContext moderator, CancellationToken cancellationToken = default) =>
        (await moderation.ActiveMutesAsync(moderator.TwinSpaceId, ChatMessageService.MuteScope(""), cancellationToken).ConfigureAwait(false))
            .Select(m => m.View()).ToList();

    /// <summary>The chat part of the review queue, after queueing any held message a crash left out of it.</summary>
    public async Task<IReadOnlyList<ReviewItemView>> ReviewQueueAsync(MemberContext moderator, bool openOnly, CancellationToken cancellationToken = default)
    {
        await holds.CompleteStaleAsync(moderator.TwinSpaceId, cancellationToken).ConfigureAwait(false);
        return (await moderation.ReviewQueueAsync(moderator.TwinSpaceId, Kind, openOnly, null, cancellationToken).ConfigureAwait(false))
            .Select(item => item.View()).ToList();
    }

    public async Task<ReviewItemView> ResolveAsync(
        MemberContext moderator, string itemId, ReviewDecision decision, string? reason, CancellationToken cancellationToken = default) =>
        (await moderation.ResolveAsync(moderator, itemId, decision, reason, Kind, cancellationToken).ConfigureAwait(false)).View();

    public ValueTask<IReadOnlyList<WordFilterRule>> WordListAsync(MemberContext moderator, CancellationToken cancellationToken = default) =>
        moderation.WordListAsync(moderator.TwinSpaceId, cancellationToken);

    public Task<IReadOnlyList<WordFilterRule>> SetWordListAsync(
        MemberContext moderator, IReadOnlyList<WordFilterRule>? rules, CancellationToken cancellationToken = default) =>
        moderation.SetWordListAsync(moderator, rules, cancellationToken);

    async Task IModeratedContent.ApproveAsync(string twinSpaceId, ContentRef content, string moderatorId)
    {
        var approved = await changes.ChangeAsync(twinSpaceId, content.ContainerId, SequenceOf(content),
            message => message.Held ? message with { Held = false } : message).ConfigureAwait(false);
        await notifier.MessageChangedAsync(approved.View(twinSpaceId, viewerId: null)).ConfigureAwait(false);
    }

    Task IModeratedContent.RemoveAsync(string twinSpaceId, ContentRef content, string moderatorId, string reason) =>
        HideMessageAsync(twinSpaceId, content.ContainerId, SequenceOf(content), moderatorId, reason, CancellationToken.None);

    private async Task<ChatMessageView> HideMessageAsync(
        string twinSpaceId, string channelId, long sequence, string moderatorId, string reason, CancellationToken cancellationToken)
    {
        var hidden = await changes.ChangeAsync(twinSpaceId, channelId, sequence,
            message => message with { HiddenBy = moderatorId, HiddenReason = reason }, cancellationToken).ConfigureAwait(false);
        await notifier.MessageChangedAsync(hidden.View(twinSpaceId, viewerId: null)).ConfigureAwait(false);
        return hidden.View(twinSpaceId, viewerId: null);
    }

    private async Task<ChatMessage> RequireMessageAsync(string twinSpaceId, string channelId, long sequence, CancellationToken cancellationToken) =>
        await store.FindMessageAsync(twinSpaceId, channelId, sequence, cancellationToken).ConfigureAwait(false)
            ?? throw CollabException.NotFound("No such message.").WithKey("NotFound_Message");

    private static long SequenceOf(ContentRef content) => long.Parse(content.ContentId, CultureInfo.InvariantCulture);
}
