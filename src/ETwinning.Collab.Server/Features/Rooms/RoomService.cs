using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Features.Materials;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// Rooms and their members. A room's chat channel and folder are made with the chat and materials features (no
/// second chat or archive); its forum is the forum's discussions carrying its id. Members must belong to the
/// TwinSpace, and pupils may be members only while at least one teacher is, so every room pupils meet in is one a
/// teacher is part of.
/// </summary>
public sealed class RoomService(
    IRoomStore store, IRoomSessionStates sessions, ITwinSpaceStore twinSpaces, ChatChannelService chat, MaterialService materials,
    IRoomsNotifier notifier, IOptions<RoomsOptions> options, TimeProvider clock)
{
    private readonly RoomsOptions _options = options.Value;

    /// <summary>The rooms the member may enter (teachers: all of them).</summary>
    public async Task<IReadOnlyList<RoomView>> ListAsync(MemberContext member, CancellationToken cancellationToken = default)
    {
        var rooms = await store.ListRoomsAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false);
        var memberships = await MembershipsAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false);
        var views = new List<RoomView>();
        foreach (var room in rooms.Where(room => RoomAccess.CanJoin(room, member)))
            views.Add(await ViewAsync(room, memberships, cancellationToken).ConfigureAwait(false));
        return views;
    }

    public async Task<RoomView> GetAsync(MemberContext member, string? roomId, CancellationToken cancellationToken = default)
    {
        var room = await RequireJoinableAsync(member, roomId, cancellationToken).ConfigureAwait(false);
        return await ViewAsync(room, await MembershipsAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    public async Task<RoomView> CreateAsync(MemberContext teacher, CreateRoomRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var title = Require.Text(request.Title, "Title", 1, _options.MaxTitleLength);
        var description = Require.OptionalText(request.Description, "Description", _options.MaxDescriptionLength);
        var capacity = Capacity(request.Capacity ?? _options.DefaultCapacity);
        var memberships = await MembershipsAsync(teacher.TwinSpaceId, cancellationToken).ConfigureAwait(false);
        var memberIds = CheckMembers([teacher.AccountId, .. request.MemberIds ?? []], memberships);
        var id = Ids.New();
        var channel = await chat.CreateChannelAsync(teacher.TwinSpaceId, ChatChannelKind.Room, "rm" + id, title, memberIds, teacher.AccountId,
            cancellationToken).ConfigureAwait(false);
        var folderId = Ids.New();
        var draft = new Room
        {
            Id = id, TwinSpaceId = teacher.TwinSpaceId, Title = title, Description = description, Capacity = capacity,
            MemberIds = [.. memberIds], ChatChannelId = channel.Id, MaterialCollectionId = folderId,
            CreatedBy = teacher.AccountId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        // The folder's title names the room, so it is announced to the room's people only, not the TwinSpace.
        await materials.CreateCollectionAsync(teacher, new CreateMaterialCollectionRequest(MaterialCollectionKind.Folder, title, $"Files of the room \"{title}\"."),
            folderId, RoomVisibility.AudienceOf(draft, memberships.Values), cancellationToken).ConfigureAwait(false);
        var room = await store.AddRoomAsync(draft, cancellationToken).ConfigureAwait(false);
        return await ChangedAsync(room, memberships, cancellationToken).ConfigureAwait(false);
    }

    public Task<RoomView> UpdateAsync(MemberContext member, string? roomId, UpdateRoomRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var title = Require.Text(request.Title, "Title", 1, _options.MaxTitleLength);
        var description = Require.OptionalText(request.Description, "Description", _options.MaxDescriptionLength);
        var capacity = Capacity(request.Capacity);
        return ChangeAsync(member, roomId, (room, _) => room with { Title = title, Description = description, Capacity = capacity }, cancellationToken);
    }

    /// <summary>Archives (read-only: no sessions, no member changes) or restores a room. A running session must end first.</summary>
    public async Task<RoomView> SetArchivedAsync(MemberContext member, string? roomId, bool archived, CancellationToken cancellationToken = default)
    {
        var room = await RequireManageableAsync(member, roomId, allowArchived: true, cancellationToken).ConfigureAwait(false);
        if (archived && await sessions.FindAsync(room.TwinSpaceId, room.Id, cancellationToken).ConfigureAwait(false) is not null)
            throw CollabException.Conflict("End the room's live session before archiving it.").WithKey("Room_EndSessionFirst");
        return await ReplaceAsync(room, room with { IsArchived = archived }, cancellationToken).ConfigureAwait(false);
    }

    public Task<RoomView> AddMembersAsync(MemberContext member, string? roomId, IReadOnlyList<string>? accountIds, CancellationToken cancellationToken = default)
    {
        Require.NotNull(accountIds, "accountIds");
        return ChangeAsync(member, roomId, (room, memberships) =>
            room with { MemberIds = CheckMembers([.. room.MemberIds, .. accountIds!], memberships) }, cancellationToken);
    }

    public Task<RoomView> RemoveMemberAsync(MemberContext member, string? roomId, string? accountId, CancellationToken cancellationToken = default)
    {
        var id = Require.Id(accountId, "accountId");
        return ChangeAsync(member, roomId, (room, memberships) =>
        {
            if (!room.MemberIds.Contains(id)) throw CollabException.NotFound("No such member in this room.").WithKey("Room_NoMember");
            return room with { MemberIds = CheckMembers(room.MemberIds.Where(m => m != id).ToList(), memberships) };
        }, cancellationToken);
    }

    /// <summary>The room if the member may enter it; rooms they may not see are not_found, as unknown ones are.</summary>
    public async Task<Room> RequireJoinableAsync(MemberContext member, string? roomId, CancellationToken cancellationToken = default)
    {
        var id = Require.Id(roomId, "roomId");
        var room = await store.FindRoomAsync(member.TwinSpaceId, id, cancellationToken).ConfigureAwait(false);
        if (room is null || !RoomAccess.CanJoin(room, member)) throw CollabException.NotFound("No such room.").WithKey("Room_NotFound");
        return room;
    }

    private async Task<Room> RequireManageableAsync(MemberContext member, string? roomId, bool allowArchived, CancellationToken cancellationToken)
    {
        var room = await RequireJoinableAsync(member, roomId, cancellationToken).ConfigureAwait(false);
        if (!RoomAccess.CanManage(room, member)) throw CollabException.Forbidden("Only the room's creator or a teacher administrator may change it.").WithKey("Room_OnlyManagers");
        if (room.IsArchived && !allowArchived) throw CollabException.ReadOnly("This room is archived: it can be read but not changed.").WithKey("Room_Archived");
        return room;
    }

    /// <summary>Read, change, compare-and-set; a room changed meanwhile by someone else is read again.</summary>
    private async Task<RoomView> ChangeAsync(
        MemberContext member, string? roomId, Func<Room, IReadOnlyDictionary<string, Membership>, Room> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < _options.MaxStateWriteAttempts; attempt++)
        {
            var room = await RequireManageableAsync(member, roomId, allowArchived: false, cancellationToken).ConfigureAwait(false);
            var memberships = await MembershipsAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false);
            var updated = change(room, memberships);
            if (await store.TryReplaceRoomAsync(updated, room.Version, cancellationToken).ConfigureAwait(false) is not { } stored) continue;
            if (!stored.MemberIds.SequenceEqual(room.MemberIds))
                await chat.SetRoomChannelMembersAsync(stored.TwinSpaceId, stored.ChatChannelId, stored.MemberIds, cancellationToken).ConfigureAwait(false);
            return await ChangedAsync(stored, memberships, cancellationToken, before: room).ConfigureAwait(false);
        }
        throw CollabException.Conflict("This room is being changed by many people at once; please try again.").WithKey("Room_Busy");
    }

    private async Task<RoomView> ReplaceAsync(Room current, Room updated, CancellationToken cancellationToken)
    {
        var stored = await store.TryReplaceRoomAsync(updated, current.Version, cancellationToken).ConfigureAwait(false)
            ?? throw CollabException.Conflict("This room was changed at the same moment; please try again.").WithKey("Room_ChangedMeanwhile");
        return await ChangedAsync(stored, await MembershipsAsync(stored.TwinSpaceId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Tells the room's people (members and teachers, never the whole TwinSpace: the title and description are the
    /// room's); those who could see it <paramref name="before"/> and no longer can are told it is gone, without them.
    /// </summary>
    private async Task<RoomView> ChangedAsync(
        Room room, IReadOnlyDictionary<string, Membership> memberships, CancellationToken cancellationToken, Room? before = null)
    {
        var view = await ViewAsync(room, memberships, cancellationToken).ConfigureAwait(false);
        var audience = RoomVisibility.AudienceOf(room, memberships.Values);
        await notifier.RoomChangedAsync(view, audience).ConfigureAwait(false);
        if (before is not null && RoomVisibility.AudienceOf(before, memberships.Values).Except(audience, StringComparer.Ordinal).ToList() is { Count: > 0 } lost)
            await notifier.AccessLostAsync(view, lost).ConfigureAwait(false);
        return view;
    }

    /// <summary>Every member in the TwinSpace, no duplicates, within the limit, and pupils only next to a teacher.</summary>
    private List<string> CheckMembers(IReadOnlyList<string> accountIds, IReadOnlyDictionary<string, Membership> memberships)
    {
        var ids = accountIds.Select(id => Require.Id(id, "accountIds")).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count > _options.MaxMembers) throw CollabException.TooLarge($"A room can have at most {_options.MaxMembers} members.").WithKey("Room_MaxMembers", _options.MaxMembers);
        var roles = ids.Select(id => memberships.TryGetValue(id, out var membership)
            ? membership.Role
            : throw CollabException.Invalid("Every member of a room must be a member of the TwinSpace.").WithKey("Room_MembersOfTwinSpace")).ToList();
        if (roles.Any(RoomAccess.IsPupil) && !roles.Any(RoomAccess.IsTeacher))
            throw CollabException.Conflict("Pupils can be in a room only while at least one teacher is a member.").WithKey("Room_PupilsNeedTeacher");
        return ids;
    }

    private int Capacity(int capacity) =>
        capacity >= 2 && capacity <= _options.MaxCapacity ? capacity : throw CollabException.Invalid($"Capacity must be between 2 and {_options.MaxCapacity}.").WithKey("Room_Capacity", _options.MaxCapacity);

    private async Task<IReadOnlyDictionary<string, Membership>> MembershipsAsync(string twinSpaceId, CancellationToken cancellationToken) =>
        (await twinSpaces.MembersAsync(twinSpaceId, cancellationToken).ConfigureAwait(false)).ToDictionary(m => m.AccountId);

    private async Task<RoomView> ViewAsync(Room room, IReadOnlyDictionary<string, Membership> memberships, CancellationToken cancellationToken)
    {
        var live = await sessions.FindAsync(room.TwinSpaceId, room.Id, cancellationToken).ConfigureAwait(false) is not null;
        var members = room.MemberIds.Where(memberships.ContainsKey)
            .Select(id => new RoomMemberView(id, memberships[id].DisplayName, memberships[id].Role)).ToList();
        return new RoomView(room.Id, room.TwinSpaceId, room.Title, room.Description, room.Capacity, room.IsArchived, members,
            room.ChatChannelId, room.MaterialCollectionId, room.CreatedBy, room.CreatedAt, live);
    }
}
