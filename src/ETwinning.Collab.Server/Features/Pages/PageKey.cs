namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>Identifies a page across TwinSpaces (page ids are unique, the TwinSpace says which file holds it).</summary>
public readonly record struct PageKey(string TwinSpaceId, string PageId);
