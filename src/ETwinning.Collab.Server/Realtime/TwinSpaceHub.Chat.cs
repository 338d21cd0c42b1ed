using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Connections;
using Microsoft.AspNetCore.Mvc;

namespace ETwinning.Collab.Server.Realtime;

public sealed partial class TwinSpaceHub
{
    [RequiresPermission(TwinSpaceAction.ReadChat)]
    public Task<IReadOnlyList<ChatChannelView>> ListChatChannels(string twinSpaceId, [FromServices] ChatChannelService channels) =>
        channels.ListAsync(Member);

    /// <summary>
    /// Checks access, then joins the channel's group for live events (clients call it again after a reconnect). An
    /// outsider of a public event joins the outsiders' group of its language instead, where pupils are anonymous.
    /// </summary>
    [PublicLiveEvent(PublicLiveEventSource.ChatChannel)]
    [RequiresPermission(TwinSpaceAction.ReadChat, ResourceRule.ReadChannel)]
    public async Task<ChatChannelView> OpenChatChannel(string twinSpaceId, string channelId, [FromServices] ChatChannelService channels)
    {
        var channel = await channels.OpenAsync(Member, channelId);
        if (!Member.IsPublicAttendee)
        {
            await JoinAsync(ConnectionScope.ChatChannel(twinSpaceId, channel.Id));
            return channel;
        }
        var language = ConnectionLanguage.Of(Context).Name;
        await JoinAsync(ConnectionScope.OutsiderChatChannel(twinSpaceId, channel.Id, language));
        await LeaveLanguageGroupsAsync(other => ConnectionScope.OutsiderChatChannel(twinSpaceId, channel.Id, other), keep: language);
        return channel;
    }

    public async Task CloseChatChannel(string twinSpaceId, string channelId)
    {
        await LeaveAsync(ConnectionScope.ChatChannel(twinSpaceId ?? "", channelId ?? ""));
        await LeaveLanguageGroupsAsync(language => ConnectionScope.OutsiderChatChannel(twinSpaceId ?? "", channelId ?? "", language));
    }

    [RequiresPermission(TwinSpaceAction.CreateBreakoutChannel)]
    public Task<ChatChannelView> CreateBreakoutChannel(string twinSpaceId, CreateBreakoutChannelRequest request, [FromServices] ChatChannelService channels) =>
        channels.CreateBreakoutAsync(Member, request);

    [RequiresPermission(TwinSpaceAction.DirectMessageTeachers)]
    public Task<ChatChannelView> OpenDirectChannel(string twinSpaceId, string accountId, [FromServices] ChatChannelService channels) =>
        channels.OpenDirectAsync(Member, accountId);

    [PublicLiveEvent(PublicLiveEventSource.ChatChannel)]
    [RequiresPermission(TwinSpaceAction.WriteChat, ResourceRule.WriteInChannel)]
    public async Task<SendChatMessageResult> SendChatMessage(
        string twinSpaceId, SendChatMessageRequest request, [FromServices] ChatMessageService messages, [FromServices] PublicLiveEventNames names) =>
        await names.ForCallerAsync(Member, ConnectionLanguage.Of(Context), await messages.SendAsync(Member, request));

    [PublicLiveEvent(PublicLiveEventSource.ChatChannel)]
    [RequiresPermission(TwinSpaceAction.ReadChat, ResourceRule.ReadChannel)]
    public async Task<ChatHistoryPage> GetChatHistory(
        string twinSpaceId, string channelId, long? beforeSequence, int? limit, [FromServices] ChatMessageService messages, [FromServices] PublicLiveEventNames names) =>
        await names.ForCallerAsync(Member, ConnectionLanguage.Of(Context), await messages.HistoryAsync(Member, channelId, beforeSequence, limit));

    [PublicLiveEvent(PublicLiveEventSource.ChatChannel)]
    [RequiresPermission(TwinSpaceAction.ReadChat, ResourceRule.ReadChannel)]
    public async Task<ChatRecoveryPage> GetChatMessagesSince(
        string twinSpaceId, string channelId, long afterSequence, int? limit, [FromServices] ChatMessageService messages, [FromServices] PublicLiveEventNames names) =>
        await names.ForCallerAsync(Member, ConnectionLanguage.Of(Context), await messages.SinceAsync(Member, channelId, afterSequence, limit));

    // An outsider of a public event edits and deletes their own messages and reacts, as a member does; the message
    // comes back with pupils anonymous to them.
    [PublicLiveEvent(PublicLiveEventSource.ChatChannel)]
    [RequiresPermission(TwinSpaceAction.WriteChat, ResourceRule.WriteInChannel)]
    public async Task<ChatMessageView> EditChatMessage(
        string twinSpaceId, string channelId, long sequence, string text, [FromServices] ChatMessageService messages, [FromServices] PublicLiveEventNames names) =>
        await names.ForCallerAsync(Member, ConnectionLanguage.Of(Context), await messages.EditAsync(Member, channelId, sequence, text));

    [PublicLiveEvent(PublicLiveEventSource.ChatChannel)]
    [RequiresPermission(TwinSpaceAction.WriteChat, ResourceRule.WriteInChannel)]
    public async Task<ChatMessageView> DeleteChatMessage(
        string twinSpaceId, string channelId, long sequence, [FromServices] ChatMessageService messages, [FromServices] PublicLiveEventNames names) =>
        await names.ForCallerAsync(Member, ConnectionLanguage.Of(Context), await messages.DeleteAsync(Member, channelId, sequence));

    [PublicLiveEvent(PublicLiveEventSource.ChatChannel)]
    [RequiresPermission(TwinSpaceAction.WriteChat, ResourceRule.WriteInChannel)]
    public async Task<ChatMessageView> ReactToChatMessage(
        string twinSpaceId, string channelId, long sequence, string emoji, bool add, [FromServices] ChatMessageService messages, [FromServices] PublicLiveEventNames names) =>
        await names.ForCallerAsync(Member, ConnectionLanguage.Of(Context), await messages.ReactAsync(Member, channelId, sequence, emoji, add));

    [PublicLiveEvent(PublicLiveEventSource.ChatChannel)]
    [RequiresPermission(TwinSpaceAction.WriteChat, ResourceRule.WriteInChannel)]
    public Task SendChatTyping(string twinSpaceId, string channelId, [FromServices] ChatMessageService messages) =>
        messages.TypingAsync(Member, channelId);

    [PublicLiveEvent(PublicLiveEventSource.ChatChannel)]
    [RequiresPermission(TwinSpaceAction.ReadChat, ResourceRule.ReadChannel)]
    public Task<ChatChannelView> MarkChatRead(string twinSpaceId, string channelId, long sequence, [FromServices] ChatMessageService messages) =>
        messages.MarkReadAsync(Member, channelId, sequence);

    [PublicLiveEvent(PublicLiveEventSource.ChatChannel)]
    [RequiresPermission(TwinSpaceAction.ReadChat, ResourceRule.ReadChannel)]
    public async Task<ReviewItemView> ReportChatMessage(
        string twinSpaceId, string channelId, long sequence, string? reason, [FromServices] ChatModerationService moderation, [FromServices] PublicLiveEventNames names) =>
        await names.ForCallerAsync(Member, ConnectionLanguage.Of(Context), await moderation.ReportAsync(Member, channelId, sequence, reason));

    [RequiresPermission(TwinSpaceAction.ModerateChat, ResourceRule.ReadChannel)]
    public Task<ChatMessageView> HideChatMessage(string twinSpaceId, string channelId, long sequence, string reason, [FromServices] ChatModerationService moderation) =>
        moderation.HideAsync(Member, channelId, sequence, reason);

    [RequiresPermission(TwinSpaceAction.ModerateChat, ResourceRule.ReadChannel)]
    public Task<ChatMessageDetails> GetChatMessageDetails(string twinSpaceId, string channelId, long sequence, [FromServices] ChatModerationService moderation) =>
        moderation.DetailsAsync(Member, channelId, sequence);

    [RequiresPermission(TwinSpaceAction.ModerateChat, ResourceRule.ReadChannel)]
    public Task<MuteView> MuteChatMember(string twinSpaceId, string channelId, string accountId, int minutes, string reason, [FromServices] ChatModerationService moderation) =>
        moderation.MuteAsync(Member, channelId, accountId, minutes, reason);

    [RequiresPermission(TwinSpaceAction.ModerateChat, ResourceRule.ReadChannel)]
    public Task UnmuteChatMember(string twinSpaceId, string channelId, string accountId, [FromServices] ChatModerationService moderation) =>
        moderation.UnmuteAsync(Member, channelId, accountId);

    [RequiresPermission(TwinSpaceAction.ModerateChat)]
    public Task<IReadOnlyList<MuteView>> GetChatMutes(string twinSpaceId, [FromServices] ChatModerationService moderation) =>
        moderation.MutesAsync(Member);

    [RequiresPermission(TwinSpaceAction.ModerateChat)]
    public Task<IReadOnlyList<ReviewItemView>> GetChatReviewQueue(string twinSpaceId, bool openOnly, [FromServices] ChatModerationService moderation) =>
        moderation.ReviewQueueAsync(Member, openOnly);

    [RequiresPermission(TwinSpaceAction.ModerateChat)]
    public Task<ReviewItemView> ResolveChatReview(string twinSpaceId, string itemId, ReviewDecision decision, string? reason, [FromServices] ChatModerationService moderation) =>
        moderation.ResolveAsync(Member, itemId, decision, reason);

    [RequiresPermission(TwinSpaceAction.ModerateChat)]
    public ValueTask<IReadOnlyList<WordFilterRule>> GetChatWordList(string twinSpaceId, [FromServices] ChatModerationService moderation) =>
        moderation.WordListAsync(Member);

    [RequiresPermission(TwinSpaceAction.ModerateChat)]
    public Task<IReadOnlyList<WordFilterRule>> SetChatWordList(string twinSpaceId, IReadOnlyList<WordFilterRule> rules, [FromServices] ChatModerationService moderation) =>
        moderation.SetWordListAsync(Member, rules);
}
