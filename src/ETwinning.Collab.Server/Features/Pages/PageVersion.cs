namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>A saved state of a page body: automatic (after a burst of editing) or named by a teacher.</summary>
public sealed record PageVersion
{
    public required string Id { get; init; }
    public required string PageId { get; init; }
    public string? Name { get; init; }
    public bool IsAutomatic { get; init; }
    public string? CreatedBy { get; init; }
    public DateTime CreatedAt { get; init; }
    /// <summary>The whole body as one Yjs update.</summary>
    public required byte[] Content { get; init; }

    public Client.Protocol.PageVersionView View() => new(Id, PageId, Name, IsAutomatic, CreatedBy, CreatedAt);
}
