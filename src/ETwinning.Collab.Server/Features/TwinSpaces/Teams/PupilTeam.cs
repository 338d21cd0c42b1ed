namespace ETwinning.Collab.Server.Features.TwinSpaces.Teams;

/// <summary>
/// A pupil team as stored in catalog.db. Each member's <see cref="Membership.TeamIds"/> mirrors this list (written
/// in the same transaction), so a permission check finds a member's teams on the membership it already has.
/// </summary>
public sealed record PupilTeam
{
    public required string Id { get; init; }
    public required string TwinSpaceId { get; init; }
    public required string Name { get; init; }
    public List<string> MemberIds { get; init; } = [];
    public required string CreatedBy { get; init; }
    public DateTime CreatedAt { get; init; }
}
