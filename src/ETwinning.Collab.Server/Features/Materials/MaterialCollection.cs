using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>An album or folder (collection <c>material_collections</c> of the TwinSpace's file).</summary>
public sealed record MaterialCollection
{
    public required string Id { get; init; }
    public required string TwinSpaceId { get; init; }
    public required MaterialCollectionKind Kind { get; init; }
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    public required string CreatedBy { get; init; }
    public DateTime CreatedAt { get; init; }

    public MaterialCollectionView View() => new(Id, TwinSpaceId, Kind, Title, Description, CreatedBy, CreatedAt);
}
