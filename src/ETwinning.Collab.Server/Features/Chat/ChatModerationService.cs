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
    IChatStore store, ChatChannelService channels, ModerationService moderation, ChatHolds holds, ITwinSpaceStore twinSpaces, IChatNotifier notifier)
    : IModeratedContent
{
    public string Kind => ChatMessageService.ContentKind;

    /// <summary>Any reader may report a message; reports of one message gather in one review item.</summary>
    public async Task<ReviewItemView> ReportAsync(MemberContext member, string channelId, long sequence, string? reason)
    {
        var channel = await channels.RequireReadableAsync(member, channelId).ConfigureAwait(false);
        var message = RequireMessage(member.TwinSpaceId, channel.Id, sequence);
        var item = await moderation.ReportAsync(member, ChatMessageService.ContentOf(channel.Id, sequence), message.AuthorId,
            message.AuthorName, message.Text, reason).ConfigureAwait(false);
        return item.View();
    }

    public async Task<ChatMessageView> HideAsync(MemberContext moderator, string channelId, long sequence, string? reason)
    {
        var why = moderation.RequireReason(reason);
        var channel = await channels.RequireReadableAsync(moderator, channelId).ConfigureAwait(false);
        var hidden = await HideMessageAsync(moderator.TwinSpaceId, channel.Id, sequence, moderator.AccountId, why).ConfigureAwait(false);
        await moderation.RecordHiddenAsync(moderator, ChatMessageService.ContentOf(channel.Id, sequence), why).ConfigureAwait(false);
        return hidden;
    }

    public async Task<ChatMessageDetails> DetailsAsync(MemberContext moderator, string channelId, long sequence)
    {
        var channel = await channels.RequireReadableAsync(moderator, channelId).ConfigureAwait(false);
        return RequireMessage(moderator.TwinSpaceId, channel.Id, sequence).Details(moderator.TwinSpaceId);
    }

    /// <summary>Mutes a pupil or guest in a channel; teachers who supervise are not muted by each other.</summary>
    public async Task<MuteView> MuteAsync(MemberContext moderator, string channelId, string accountId, int minutes, string? reason)
    {
        var channel = await channels.RequireReadableAsync(moderator, channelId).ConfigureAwait(false);
        var target = await twinSpaces.FindMembershipAsync(moderator.TwinSpaceId, Require.Id(accountId, "accountId")).ConfigureAwait(false)
            ?? throw CollabException.NotFound("No such member.").WithKey("NotFound_Member");
        if (ChatAccess.IsSupervisor(target.Role)) throw CollabException.Forbidden("Teachers cannot be muted.");
        var mute = await moderation.MuteAsync(moderator, ChatMessageService.MuteScope(channel.Id), target.AccountId, minutes, reason)
            .ConfigureAwait(false);
        return mute.View();
    }

    public async Task UnmuteAsync(MemberContext moderator, string channelId, string accountId)
    {
        var channel = await channels.RequireReadableAsync(moderator, channelId).ConfigureAwait(false);
        await moderation.UnmuteAsync(moderator, ChatMessageService.MuteScope(channel.Id), Require.Id(accountId, "accountId")).ConfigureAwait(false);
    }

    /// <summary>Mutes in force in the TwinSpace's chat channels, ending soonest first: teachers see who cannot write where.</summary>
    public IReadOnlyList<MuteView> Mutes(MemberContext moderator) =>
        moderation.ActiveMutes(moderator.TwinSpaceId, ChatMessageService.MuteScope("")).Select(m => m.View()).ToList();

    /// <summary>The chat part of the review queue, after queueing any held message a crash left out of it.</summary>
    public async Task<IReadOnlyList<ReviewItemView>> ReviewQueueAsync(MemberContext moderator, bool openOnly)
    {
        await holds.CompleteStaleAsync(moderator.TwinSpaceId).ConfigureAwait(false);
        return moderation.ReviewQueue(moderator.TwinSpaceId, Kind, openOnly, null).Select(item => item.View()).ToList();
    }

    public async Task<ReviewItemView> ResolveAsync(MemberContext moderator, string itemId, ReviewDecision decision, string? reason) =>
        (await moderation.ResolveAsync(moderator, itemId, decision, reason, Kind).ConfigureAwait(false)).View();

    public IReadOnlyList<WordFilterRule> WordList(MemberContext moderator) => moderation.WordList(moderator.TwinSpaceId);

    public Task<IReadOnlyList<WordFilterRule>> SetWordListAsync(MemberContext moderator, IReadOnlyList<WordFilterRule>? rules) =>
        moderation.SetWordListAsync(moderator, rules);

    async Task IModeratedContent.ApproveAsync(string twinSpaceId, ContentRef content, string moderatorId)
    {
        var approved = await store.UpdateMessageAsync(twinSpaceId, content.ContainerId, SequenceOf(content),
            message => message.Held ? message with { Held = false } : message).ConfigureAwait(false);
        await notifier.MessageChangedAsync(approved.View(twinSpaceId, viewerId: null)).ConfigureAwait(false);
    }

    Task IModeratedContent.RemoveAsync(string twinSpaceId, ContentRef content, string moderatorId, string reason) =>
        HideMessageAsync(twinSpaceId, content.ContainerId, SequenceOf(content), moderatorId, reason);

    private async Task<ChatMessageView> HideMessageAsync(string twinSpaceId, string channelId, long sequence, string moderatorId, string reason)
    {
        var hidden = await store.UpdateMessageAsync(twinSpaceId, channelId, sequence,
            message => message with { HiddenBy = moderatorId, HiddenReason = reason }).ConfigureAwait(false);
        await notifier.MessageChangedAsync(hidden.View(twinSpaceId, viewerId: null)).ConfigureAwait(false);
        return hidden.View(twinSpaceId, viewerId: null);
    }

    private ChatMessage RequireMessage(string twinSpaceId, string channelId, long sequence) =>
        store.FindMessage(twinSpaceId, channelId, sequence) ?? throw CollabException.NotFound("No such message.").WithKey("NotFound_Message");

    private static long SequenceOf(ContentRef content) => long.Parse(content.ContentId, CultureInfo.InvariantCulture);
}
