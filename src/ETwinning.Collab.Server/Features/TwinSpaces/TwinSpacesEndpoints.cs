using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Http;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

public static class TwinSpacesEndpoints
{
    public static WebApplication MapTwinSpacesApi(this WebApplication app)
    {
        app.MapPost("/api/auth/pupil-login", (PupilLoginRequest request, PupilService pupils, CancellationToken cancellationToken) =>
                pupils.LoginAsync(request, cancellationToken))
            .RequireRateLimiting(HttpExtensions.LoginRateLimitPolicy);

        var twinSpace = app.MapGroup("/api/twinspaces/{twinSpaceId}");
        twinSpace.MapGet("", (CurrentMember member) => member.Value.TwinSpace.View(member.Value.Membership.Role))
            .RequirePermission(TwinSpaceAction.ViewTwinSpace);
        twinSpace.MapGet("/members", (CurrentMember member, TwinSpaceService twinSpaces, CancellationToken cancellationToken) =>
                twinSpaces.MembersAsync(member.Value, cancellationToken))
            .RequirePermission(TwinSpaceAction.ViewMembers);
        return app;
    }
}
