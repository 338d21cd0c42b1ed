using ETwinning.Collab.Server.Features.Rooms;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Tests.Storage.Contracts;

/// <summary>
/// What every <see cref="IRoomStore"/> must do: rooms stored with version 1, listed oldest first per TwinSpace,
/// replaced only on the version read (fixed fields kept), ended sessions stored once with their attendance, listed
/// newest first per room; durable across a restart; nothing of one TwinSpace in another.
/// </summary>
public abstract class RoomStoreContractTests : StoreContract<IRoomStore>
{
    // Millisecond precision: the coarsest of the providers' timestamps.
    private static readonly DateTime Start = new(2025, 3, 14, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_room_is_stored_with_version_one_and_found_only_in_its_TwinSpace()
    {
        var twinSpaceId = NewTwinSpaceId();
        var stored = await Store.AddRoomAsync(RoomIn(twinSpaceId, "Astronomy club", members: ["owl", "fox"]));

        var found = await Store.FindRoomAsync(twinSpaceId, stored.Id);

        Assert.Equal(1, stored.Version);
        Assert.NotNull(found);
        Assert.Equal("Astronomy club", found.Title);
        Assert.Equal(["owl", "fox"], found.MemberIds);
        Assert.Equal(stored.CreatedAt, found.CreatedAt);
        Assert.Null(await Store.FindRoomAsync(NewTwinSpaceId(), stored.Id));
        Assert.Empty(await Store.ListRoomsAsync(NewTwinSpaceId()));
    }

    [Fact]
    public async Task Adding_a_room_with_a_taken_id_is_a_conflict()
    {
        var room = await Store.AddRoomAsync(RoomIn(NewTwinSpaceId(), "First"));

        var refusal = await Assert.ThrowsAsync<CollabException>(() => Store.AddRoomAsync(room with { Title = "Second" }));

        Assert.Equal(ErrorCodes.Conflict, refusal.Code);
        Assert.Equal("First", (await Store.FindRoomAsync(room.TwinSpaceId, room.Id))!.Title);
    }

    [Fact]
    public async Task Rooms_are_listed_oldest_first()
    {
        var twinSpaceId = NewTwinSpaceId();
        await Store.AddRoomAsync(RoomIn(twinSpaceId, "Later", createdAt: Start.AddMinutes(5)));
        await Store.AddRoomAsync(RoomIn(twinSpaceId, "Earlier", createdAt: Start));

        Assert.Equal(["Earlier", "Later"], (await Store.ListRoomsAsync(twinSpaceId)).Select(room => room.Title));
    }

    [Fact]
    public async Task A_replace_wins_only_on_the_version_it_read_and_keeps_the_fixed_fields()
    {
        var stored = await Store.AddRoomAsync(RoomIn(NewTwinSpaceId(), "Before", members: ["owl"]));

        var changed = await Store.TryReplaceRoomAsync(stored with
        {
            Title = "After", IsArchived = true, Capacity = 6, MemberIds = ["owl", "fox"], CreatedBy = "someone-else", ChatChannelId = "other",
        }, stored.Version);
        var stale = await Store.TryReplaceRoomAsync(stored with { Title = "Lost" }, stored.Version);

        Assert.NotNull(changed);
        Assert.Equal(2, changed.Version);
        Assert.Null(stale);
        var found = (await Store.FindRoomAsync(stored.TwinSpaceId, stored.Id))!;
        Assert.Equal(("After", true, 6, 2L), (found.Title, found.IsArchived, found.Capacity, found.Version));
        Assert.Equal(["owl", "fox"], found.MemberIds);
        Assert.Equal((stored.CreatedBy, stored.ChatChannelId), (found.CreatedBy, found.ChatChannelId));
        Assert.Null(await Store.TryReplaceRoomAsync(stored with { Id = Ids.New() }, 1));
    }

    [Fact]
    public async Task Concurrent_replaces_on_one_version_let_exactly_one_win()
    {
        var stored = await Store.AddRoomAsync(RoomIn(NewTwinSpaceId(), "Race"));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => Store.TryReplaceRoomAsync(stored with { Title = $"Writer {i}" }, stored.Version))));

        var winner = Assert.Single(results, result => result is not null);
        Assert.Equal(winner!.Title, (await Store.FindRoomAsync(stored.TwinSpaceId, stored.Id))!.Title);
    }

    [Fact]
    public async Task Ended_sessions_are_stored_once_with_their_attendance_and_listed_newest_first_per_room()
    {
        var twinSpaceId = NewTwinSpaceId();
        var first = Session(twinSpaceId, "room-a", Start);
        await Store.AddSessionAsync(first);
        await Store.AddSessionAsync(Session(twinSpaceId, "room-a", Start.AddDays(1)));
        await Store.AddSessionAsync(Session(twinSpaceId, "room-b", Start.AddDays(2)));

        var again = await Store.AddSessionAsync(first with { StartedBy = "someone-else", Attendance = [] });

        Assert.Equal(first.StartedBy, again.StartedBy);
        Assert.Equal(2, again.Attendance.Count);
        Assert.Equal([Start.AddDays(1), Start], (await Store.ListSessionsAsync(twinSpaceId, "room-a")).Select(s => s.StartedAt));
        var found = (await Store.FindSessionAsync(twinSpaceId, first.Id))!;
        Assert.Equal(first.Attendance, found.Attendance);
        Assert.Null(await Store.FindSessionAsync(NewTwinSpaceId(), first.Id));
    }

    [Fact]
    public async Task Rooms_and_sessions_survive_a_restart()
    {
        var twinSpaceId = NewTwinSpaceId();
        var room = await Store.AddRoomAsync(RoomIn(twinSpaceId, "Durable"));
        var session = await Store.AddSessionAsync(Session(twinSpaceId, room.Id, Start));

        await RestartAsync();

        Assert.Equal("Durable", (await Store.FindRoomAsync(twinSpaceId, room.Id))!.Title);
        Assert.Equal(session.Attendance, (await Store.FindSessionAsync(twinSpaceId, session.Id))!.Attendance);
    }

    private static Room RoomIn(string twinSpaceId, string title, IReadOnlyList<string>? members = null, DateTime? createdAt = null) => new()
    {
        Id = Ids.New(), TwinSpaceId = twinSpaceId, Title = title, Description = "For the club.", Capacity = 25,
        MemberIds = [.. members ?? ["owl"]], ChatChannelId = "rm" + Ids.New(), MaterialCollectionId = Ids.New(),
        CreatedBy = "owl", CreatedAt = createdAt ?? Start,
    };

    private static RoomSessionRecord Session(string twinSpaceId, string roomId, DateTime startedAt) => new()
    {
        Id = Ids.New(), TwinSpaceId = twinSpaceId, RoomId = roomId, StartedBy = "owl", StartedAt = startedAt, EndedAt = startedAt.AddMinutes(45),
        Attendance =
        [
            new() { AccountId = "owl", DisplayName = "Ms Owl", JoinedAt = startedAt, LeftAt = startedAt.AddMinutes(45) },
            new() { AccountId = "fox", DisplayName = "Fox", JoinedAt = startedAt.AddMinutes(3), LeftAt = startedAt.AddMinutes(40) },
        ],
    };
}
