using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>A page of the tree as stored in its TwinSpace's file. The body lives in the update log and snapshot.</summary>
public sealed record Page
{
    public required string Id { get; init; }
    public required string TwinSpaceId { get; init; }
    public string? ParentId { get; init; }
    public int Position { get; init; }
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    /// <summary>False while the page is a draft.</summary>
    public bool IsPublished { get; init; }
    public PageVisibility Visibility { get; init; } = PageVisibility.Members;
    public required string CreatedBy { get; init; }
    /// <summary>Members assigned to write this page.</summary>
    public List<string> EditorIds { get; init; } = [];
    /// <summary>Pupil teams assigned to write this page: whoever is in the team at the time may write.</summary>
    public List<string> EditorTeamIds { get; init; } = [];
    public DateTime? DeletedAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    public bool IsDeleted => DeletedAt is not null;

    public PageView View(bool canEdit) => new(
        Id, TwinSpaceId, ParentId, Position, Title, Description, IsPublished, Visibility, CreatedBy, EditorIds,
        IsDeleted, canEdit, CreatedAt, UpdatedAt, EditorTeamIds);
}
