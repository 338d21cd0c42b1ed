namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// What one member may see of the rooms' content, worked out once per call by <see cref="RoomVisibility"/>. Content
/// outside every room is always visible; a room id that names no room (or one the member is not allowed in) is not.
/// </summary>
public sealed record RoomContentFilter(IReadOnlySet<string> VisibleRoomIds, IReadOnlySet<string> HiddenCollectionIds)
{
    public bool ShowsRoom(string? roomId) => roomId is null || VisibleRoomIds.Contains(roomId);

    public bool ShowsCollection(string? collectionId) => collectionId is null || !HiddenCollectionIds.Contains(collectionId);
}
