namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// A room as stored. Its chat channel, forum and file archive are the TwinSpace's own features scoped to it: the chat
/// channel <see cref="ChatChannelId"/> (kind Room, members kept in step with <see cref="MemberIds"/>), forum
/// discussions whose <c>RoomId</c> is <see cref="Id"/>, and the material folder <see cref="MaterialCollectionId"/>.
/// <see cref="Version"/> grows by one on every replace (compare-and-set).
/// </summary>
public sealed record Room
{
    public required string Id { get; init; }
    public required string TwinSpaceId { get; init; }
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    public required int Capacity { get; init; }
    public bool IsArchived { get; init; }
    public List<string> MemberIds { get; init; } = [];
    public required string ChatChannelId { get; init; }
    public required string MaterialCollectionId { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTime CreatedAt { get; init; }
    public long Version { get; init; }
}
