using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

/// <summary>A one-time invitation into a TwinSpace, stored by the hash of its token.</summary>
public sealed record Invitation
{
    public required string Id { get; init; }
    public required string TwinSpaceId { get; init; }
    public required TwinSpaceRole Role { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTime ExpiresAt { get; init; }
    public string? AcceptedBy { get; init; }
}
