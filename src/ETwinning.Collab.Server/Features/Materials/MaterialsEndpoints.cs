using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Materials;

public static class MaterialsEndpoints
{
    /// <summary>Members' downloads with a bearer token may stay in the browser's private cache this long.</summary>
    private const int MemberCacheSeconds = 3_600;

    public static WebApplication MapMaterialsApi(this WebApplication app)
    {
        var twinSpace = app.MapGroup("/api/twinspaces/{twinSpaceId}");

        twinSpace.MapPost("/materials", async (HttpContext http, CurrentMember member, MaterialService materials,
                string? name, string? collectionId, string? title, string? description) =>
            {
                var view = await materials.UploadAsync(member.Value, new UploadMaterialRequest(name, collectionId, title, description),
                    http.Request.Body, http.Request.ContentLength, http.RequestAborted);
                return Results.Json(view, statusCode: view.Status == Client.Protocol.MaterialStatus.Ready ? StatusCodes.Status201Created : StatusCodes.Status202Accepted);
            })
            .RequirePermission(TwinSpaceAction.UploadMaterials)
            .AddEndpointFilter(AllowUploadBody);

        twinSpace.MapGet("/materials/{materialId}/{variant}", async (HttpContext http, CurrentMember member, MaterialService materials, MaterialDownloads downloads,
                string materialId, string variant) =>
            {
                await materials.RequireVisibleAsync(member.Value, materialId, http.RequestAborted);
                return await downloads.ServeAsync(http, member.Value.TwinSpaceId, materialId, variant, MemberCacheSeconds, http.RequestAborted);
            })
            .RequirePermission(TwinSpaceAction.ViewMaterials);

        twinSpace.MapGet("/avatars/{accountId}", (HttpContext http, CurrentMember member, AvatarService avatars, string accountId) =>
                avatars.ServeAsync(http, member.Value.TwinSpaceId, accountId, MemberCacheSeconds, http.RequestAborted))
            .RequirePermission(TwinSpaceAction.ViewMembers);

        // Changing one's own avatar is an upload; pupils may, and archived TwinSpaces refuse it like any write.
        twinSpace.MapPut("/avatar", (HttpContext http, CurrentMember member, AvatarService avatars) =>
                avatars.UploadAsync(member.Value, http.Request.Body, http.Request.ContentLength, http.RequestAborted))
            .RequirePermission(TwinSpaceAction.UploadMaterials)
            .AddEndpointFilter(AllowUploadBody);

        twinSpace.MapDelete("/avatar", (HttpContext http, CurrentMember member, AvatarService avatars) => avatars.ResetAsync(member.Value, http.RequestAborted))
            .RequirePermission(TwinSpaceAction.UploadMaterials);

        // Signed URLs: no token, the signature is the permission (see MaterialUrlSigner).
        var files = app.MapGroup("/api/files/{twinSpaceId}");
        files.MapGet("/materials/{materialId}/{variant}", async (HttpContext http, string twinSpaceId, string materialId, string variant,
                long? expires, string? signature, MaterialUrlSigner signer, ITwinSpaceStore twinSpaces, MaterialDownloads downloads) =>
            {
                var path = MaterialPaths.SignedMaterial(Require.Id(twinSpaceId, "twinSpaceId"), Require.Id(materialId, "materialId"),
                    MaterialPaths.ParseVariant(variant) ?? throw CollabException.NotFound("No such variant.").WithKey("Material_NoVariant"));
                await RequireSignatureAsync(signer, twinSpaces, twinSpaceId, path, expires, signature, http.RequestAborted);
                return await downloads.ServeAsync(http, twinSpaceId, materialId, variant, signer.SecondsLeft(expires!.Value), http.RequestAborted);
            });
        files.MapGet("/avatars/{accountId}", async (HttpContext http, string twinSpaceId, string accountId,
                long? expires, string? signature, MaterialUrlSigner signer, ITwinSpaceStore twinSpaces, AvatarService avatars) =>
            {
                var path = MaterialPaths.SignedAvatar(Require.Id(twinSpaceId, "twinSpaceId"), Require.Id(accountId, "accountId"));
                await RequireSignatureAsync(signer, twinSpaces, twinSpaceId, path, expires, signature, http.RequestAborted);
                return await avatars.ServeAsync(http, twinSpaceId, accountId, signer.SecondsLeft(expires!.Value), http.RequestAborted);
            });

        // Assets of public pages: anyone may fetch them, once the pages feature says a material is on one.
        app.MapGet("/api/public/{twinSpaceId}/materials/{materialId}/{variant}", async (HttpContext http, string twinSpaceId, string materialId, string variant,
                IPublicAssets publicAssets, ITwinSpaceStore twinSpaces, MaterialService materials, MaterialDownloads downloads) =>
            {
                var id = Require.Id(twinSpaceId, "twinSpaceId");
                if (!await publicAssets.IsPublicAssetAsync(id, Require.Id(materialId, "materialId"), http.RequestAborted)
                    || await twinSpaces.FindAsync(id, http.RequestAborted) is not { State: not Client.Protocol.TwinSpaceState.Closed }
                    || await materials.IsRoomContentAsync(id, materialId, http.RequestAborted))
                    throw CollabException.NotFound("No such material.").WithKey("Material_NotFound");
                return await downloads.ServeAsync(http, id, materialId, variant, MemberCacheSeconds, http.RequestAborted);
            });
        return app;
    }

    private static async Task RequireSignatureAsync(
        MaterialUrlSigner signer, ITwinSpaceStore twinSpaces, string twinSpaceId, string path, long? expires, string? signature, CancellationToken cancellationToken)
    {
        if (expires is null || !signer.IsValid(path, expires.Value, signature))
            throw CollabException.Forbidden("This link is invalid or has expired.").WithKey("Material_LinkExpired");
        // A closed TwinSpace is gone, even for links handed out before it closed.
        if (await twinSpaces.FindAsync(twinSpaceId, cancellationToken).ConfigureAwait(false) is not { State: not Client.Protocol.TwinSpaceState.Closed })
            throw CollabException.NotFound("No such TwinSpace.").WithKey("Permission_NoTwinSpace");
    }

    /// <summary>
    /// Raises Kestrel's body limit (1 MiB for ordinary calls) to the largest upload, for this request only. A refused
    /// upload with a large or unknown body is answered with <c>Connection: close</c>, so the client stops sending at
    /// once, and the server closes the connection instead of reading the rest (<see cref="RefusedUploads"/>).
    /// Uploads per account are limited here.
    /// </summary>
    private static async ValueTask<object?> AllowUploadBody(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limit = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false })
            limit.MaxRequestBodySize = http.RequestServices.GetRequiredService<IOptions<MaterialsOptions>>().Value.MaxUploadBytes;
        try
        {
            var member = http.RequestServices.GetRequiredService<CurrentMember>().Value;
            http.RequestServices.GetRequiredService<UploadRateLimiter>().Demand(member.AccountId);
            return await next(context);
        }
        // A small rest is cheaper to drain than a new connection (the exception handler answers those); an unknown or large one is not.
        catch (CollabException refusal) when (RefusedUploads.ShouldClose(http))
        {
            await RefusedUploads.AnswerAndCloseAsync(http, refusal);
            return Results.Empty;
        }
    }
}
