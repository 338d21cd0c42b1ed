using System.Collections.Concurrent;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// Chat channels: the general and teachers' channels every TwinSpace has, breakouts teachers create, direct
/// channels between teachers, and (for rooms) channels with any member set through <see cref="CreateChannelAsync"/>.
/// </summary>
public sealed class ChatChannelService(
    IChatStore store, ITwinSpaceStore twinSpaces, IChatNotifier notifier, IOptions<ChatOptions> options, TimeProvider clock,
    IEnumerable<IChatChannelAudience> audiences)
{
    private readonly ChatOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, bool> _defaultsReady = new();
    private readonly Dictionary<ChatChannelKind, IChatChannelAudience> _audiences = audiences.ToDictionary(a => a.Kind);

    /// <summary>The channels the member can read, with unread counts. Teachers see every channel pupils are in.</summary>
    public async Task<IReadOnlyList<ChatChannelView>> ListAsync(MemberContext member, CancellationToken cancellationToken = default)
    {
        await EnsureDefaultsAsync(member.TwinSpace, cancellationToken).ConfigureAwait(false);
        var markers = await store.ReadMarkersAsync(member.TwinSpaceId, member.AccountId, cancellationToken).ConfigureAwait(false);
        var readable = new List<(ChatChannel Channel, ChatStanding Standing)>();
        foreach (var channel in await store.ChannelsAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false))
        {
            var standing = await StandingAsync(member.TwinSpaceId, channel, member.AccountId, cancellationToken).ConfigureAwait(false);
            if (ChatAccess.CanRead(channel, member.Membership, standing)) readable.Add((channel, standing));
        }
        return readable
            .OrderBy(r => r.Channel.Kind).ThenBy(r => r.Channel.Title, StringComparer.OrdinalIgnoreCase)
            .Select(r => r.Channel.View(member.TwinSpaceId, member.Membership, markers.GetValueOrDefault(r.Channel.Id), r.Standing))
            .ToList();
    }

    public async Task<ChatChannelView> OpenAsync(MemberContext member, string channelId, CancellationToken cancellationToken = default)
    {
        var (channel, standing) = await ReadableAsync(member, channelId, cancellationToken).ConfigureAwait(false);
        var markers = await store.ReadMarkersAsync(member.TwinSpaceId, member.AccountId, cancellationToken).ConfigureAwait(false);
        return channel.View(member.TwinSpaceId, member.Membership, markers.GetValueOrDefault(channel.Id), standing);
    }

    public async Task<ChatChannelView> CreateBreakoutAsync(
        MemberContext teacher, CreateBreakoutChannelRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var title = Require.Text(request.Title, "Title", 1, _options.MaxChannelTitleLength);
        var members = Require.NotNull(request.MemberIds, "memberIds").Append(teacher.AccountId).Distinct().ToList();
        var channel = await CreateChannelAsync(teacher.TwinSpaceId, ChatChannelKind.Breakout, Ids.New(), title, members, teacher.AccountId,
            cancellationToken).ConfigureAwait(false);
        return channel.View(teacher.TwinSpaceId, teacher.Membership, 0);
    }

    /// <summary>The direct channel between the caller and another teacher, created on first use.</summary>
    public async Task<ChatChannelView> OpenDirectAsync(MemberContext teacher, string otherAccountId, CancellationToken cancellationToken = default)
    {
        var other = await twinSpaces.FindMembershipAsync(teacher.TwinSpaceId, Require.Id(otherAccountId, "accountId"), cancellationToken).ConfigureAwait(false)
            ?? throw CollabException.NotFound("No such member.").WithKey("NotFound_Member");
        if (other.AccountId == teacher.AccountId) throw CollabException.Invalid("A direct message needs another teacher.").WithKey("Chat_DirectOther");
        if (!PermissionMatrix.Allows(other.Role, TwinSpaceAction.DirectMessageTeachers))
            throw CollabException.Forbidden("Direct messages are only between teachers.").WithKey("Chat_DirectTeachers");
        string[] pair = [teacher.AccountId, other.AccountId];
        Array.Sort(pair, StringComparer.Ordinal);
        var id = "dm" + Ids.Hash(string.Join('|', pair))[..32];
        var existing = await store.FindChannelAsync(teacher.TwinSpaceId, id, cancellationToken).ConfigureAwait(false);
        var channel = existing ?? await CreateChannelAsync(teacher.TwinSpaceId, ChatChannelKind.Direct, id,
            $"{teacher.Membership.DisplayName} / {other.DisplayName}", pair, teacher.AccountId, cancellationToken).ConfigureAwait(false);
        var markers = await store.ReadMarkersAsync(teacher.TwinSpaceId, teacher.AccountId, cancellationToken).ConfigureAwait(false);
        return channel.View(teacher.TwinSpaceId, teacher.Membership, markers.GetValueOrDefault(channel.Id));
    }

    /// <summary>
    /// Creates a channel with an explicit member set (breakouts, direct channels, rooms' chats). Every member must
    /// belong to the TwinSpace; a direct channel may not contain pupils, so every channel a pupil is in is one
    /// the TwinSpace's teachers read (see <see cref="ChatAccess"/>).
    /// </summary>
    public async Task<ChatChannel> CreateChannelAsync(
        string twinSpaceId, ChatChannelKind kind, string id, string title, IReadOnlyList<string> memberIds, string createdBy,
        CancellationToken cancellationToken = default)
    {
        if (kind is ChatChannelKind.General or ChatChannelKind.Teachers) throw new ArgumentException("Default channels are created by the service.", nameof(kind));
        if (memberIds.Count > _options.MaxChannelMembers)
            throw CollabException.TooLarge($"A channel can have at most {_options.MaxChannelMembers} members.").WithKey("Chat_MaxMembers", _options.MaxChannelMembers);
        var memberships = (await twinSpaces.MembersAsync(twinSpaceId, cancellationToken).ConfigureAwait(false)).ToDictionary(m => m.AccountId);
        foreach (var accountId in memberIds)
        {
            if (!memberships.TryGetValue(Require.Id(accountId, "memberIds"), out var membership))
                throw CollabException.Invalid("Every member of a channel must be a member of the TwinSpace.").WithKey("Chat_MembersOfTwinSpace");
            if (kind == ChatChannelKind.Direct && !ChatAccess.IsSupervisor(membership.Role))
                throw CollabException.Forbidden("Direct messages are only between teachers.").WithKey("Chat_DirectTeachers");
        }
        var channel = await store.AddChannelIfAbsentAsync(twinSpaceId, new ChatChannel
        {
            Id = id, Kind = kind, Title = title, MemberIds = [.. memberIds], CreatedBy = createdBy, CreatedAt = clock.GetUtcNow().UtcDateTime,
        }, cancellationToken).ConfigureAwait(false);
        var audience = memberships.Values.Where(m => ChatAccess.CanRead(channel, m)).ToList();
        var viewer = audience.FirstOrDefault(m => m.AccountId == createdBy) ?? audience.FirstOrDefault();
        if (viewer is not null)
            await notifier.ChannelAddedAsync(channel.View(twinSpaceId, viewer, 0), audience.Select(m => m.AccountId).ToList()).ConfigureAwait(false);
        return channel;
    }

    /// <summary>
    /// Gives a room's channel the room's new member set (the room feature keeps it in step). Members are checked as
    /// at creation; teachers keep reading it through supervision whatever the list says.
    /// </summary>
    public async Task SetRoomChannelMembersAsync(string twinSpaceId, string channelId, IReadOnlyList<string> memberIds, CancellationToken cancellationToken = default)
    {
        if (memberIds.Count > _options.MaxChannelMembers)
            throw CollabException.TooLarge($"A channel can have at most {_options.MaxChannelMembers} members.").WithKey("Chat_MaxMembers", _options.MaxChannelMembers);
        var channel = await store.FindChannelAsync(twinSpaceId, channelId, cancellationToken).ConfigureAwait(false);
        if (channel is null || channel.Kind != ChatChannelKind.Room) throw CollabException.NotFound("No such channel.").WithKey("NotFound_Channel");
        await store.SetChannelMembersAsync(twinSpaceId, channelId, memberIds, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The channel if the member may read it; unknown channels and channels they may not see are both not_found.</summary>
    public async Task<ChatChannel> RequireReadableAsync(MemberContext member, string channelId, CancellationToken cancellationToken = default) =>
        (await ReadableAsync(member, channelId, cancellationToken).ConfigureAwait(false)).Channel;

    public async Task<ChatChannel> RequireWritableAsync(MemberContext member, string channelId, CancellationToken cancellationToken = default)
    {
        var (channel, standing) = await ReadableAsync(member, channelId, cancellationToken).ConfigureAwait(false);
        if (!ChatAccess.CanWrite(channel, member.Membership, standing))
            throw CollabException.Forbidden("You cannot write in this channel.").WithKey("Chat_CannotWrite");
        return channel;
    }

    /// <summary>
    /// The readable channel with the caller's standing, asked once: for a live event's chat the standing costs two store
    /// reads, so a check and the write or view that follows share it.
    /// </summary>
    internal async Task<(ChatChannel Channel, ChatStanding Standing)> ReadableAsync(
        MemberContext member, string channelId, CancellationToken cancellationToken = default)
    {
        Require.Id(channelId, "channelId");
        var channel = await store.FindChannelAsync(member.TwinSpaceId, channelId, cancellationToken).ConfigureAwait(false);
        if (channel is null && channelId is ChatChannel.GeneralId or ChatChannel.TeachersId)
        {
            await EnsureDefaultsAsync(member.TwinSpace, cancellationToken).ConfigureAwait(false);
            channel = await store.FindChannelAsync(member.TwinSpaceId, channelId, cancellationToken).ConfigureAwait(false);
        }
        if (channel is null) throw CollabException.NotFound("No such channel.").WithKey("NotFound_Channel");
        var standing = await StandingAsync(member.TwinSpaceId, channel, member.AccountId, cancellationToken).ConfigureAwait(false);
        if (!ChatAccess.CanRead(channel, member.Membership, standing)) throw CollabException.NotFound("No such channel.").WithKey("NotFound_Channel");
        return (channel, standing);
    }

    private ValueTask<ChatStanding> StandingAsync(string twinSpaceId, ChatChannel channel, string accountId, CancellationToken cancellationToken) =>
        _audiences.TryGetValue(channel.Kind, out var audience)
            ? audience.StandingAsync(twinSpaceId, channel, accountId, cancellationToken)
            : ValueTask.FromResult(default(ChatStanding));

    private async Task EnsureDefaultsAsync(TwinSpace twinSpace, CancellationToken cancellationToken)
    {
        if (_defaultsReady.ContainsKey(twinSpace.Id)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        await store.AddChannelIfAbsentAsync(twinSpace.Id, new ChatChannel
        {
            Id = ChatChannel.GeneralId, Kind = ChatChannelKind.General, Title = "General", CreatedBy = twinSpace.CreatedBy, CreatedAt = now,
        }, cancellationToken).ConfigureAwait(false);
        await store.AddChannelIfAbsentAsync(twinSpace.Id, new ChatChannel
        {
            Id = ChatChannel.TeachersId, Kind = ChatChannelKind.Teachers, Title = "Teachers", CreatedBy = twinSpace.CreatedBy, CreatedAt = now,
        }, cancellationToken).ConfigureAwait(false);
        _defaultsReady[twinSpace.Id] = true;
    }
}
