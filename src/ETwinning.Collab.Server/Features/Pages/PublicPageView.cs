namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>A published public page as anyone on the internet may read it: no member data, sanitized HTML.</summary>
public sealed record PublicPageView(string TwinSpaceId, string TwinSpaceTitle, string PageId, string Title, string Description, string Html, DateTime UpdatedAt);
