using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Server.Features.Pages;

public static class PagesEndpoints
{
    public static WebApplication MapPagesApi(this WebApplication app)
    {
        // No login: the page itself decides (published + public, TwinSpace open or archived).
        app.MapGet("/api/public/twinspaces/{twinSpaceId}/pages/{pageId}",
            (string twinSpaceId, string pageId, PagePublishing publishing, HttpContext http) =>
                publishing.PublicPageAsync(twinSpaceId, pageId, http.RequestAborted));

        app.MapGet("/api/twinspaces/{twinSpaceId}/pages/export",
                (CurrentMember member, PagePublishing publishing) => Results.File(
                    System.Text.Encoding.UTF8.GetBytes(publishing.ExportHtml(member.Value.TwinSpace)), "text/html; charset=utf-8", "pages.html"))
            .RequirePermission(TwinSpaceAction.ExportTwinSpace);
        return app;
    }
}
