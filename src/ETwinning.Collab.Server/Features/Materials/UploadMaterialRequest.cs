namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>The query string of an upload: everything but the content, which is the request body.</summary>
public sealed record UploadMaterialRequest(string? FileName, string? CollectionId, string? Title, string? Description);
