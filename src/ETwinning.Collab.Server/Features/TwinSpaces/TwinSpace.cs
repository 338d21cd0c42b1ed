using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

/// <summary>A project's workspace as stored in catalog.db.</summary>
public sealed record TwinSpace
{
    public required string Id { get; init; }
    /// <summary>What pupils type on the login page; unique, no look-alike characters.</summary>
    public required string Code { get; init; }
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    public TwinSpaceState State { get; init; }
    public required string CreatedBy { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ArchivedAt { get; init; }
    public DateTime? ClosedAt { get; init; }
}
