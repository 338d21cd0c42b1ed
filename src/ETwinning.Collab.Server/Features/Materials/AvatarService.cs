using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Blobs;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Images;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Avatars per member of a TwinSpace: the generated pattern (<see cref="DefaultAvatar"/>) unless the member
/// uploaded a picture, which goes through the same checks and pipeline as any image (metadata stripped,
/// orientation applied) and is cropped to a square WebP.
/// </summary>
public sealed class AvatarService(
    IMaterialStore store, ITwinSpaceStore twinSpaces, IBlobStore blobs, UploadReceiver receiver, ImagePipeline pipeline,
    ImageProcessingSlots slots, MaterialUrlSigner signer, IOptions<MaterialsOptions> options, TimeProvider clock)
{
    private readonly MaterialsOptions _options = options.Value;

    public async Task<AvatarView> GetAsync(MemberContext member, string? accountId, CancellationToken cancellationToken = default)
    {
        var id = await RequireMemberAsync(member.TwinSpaceId, accountId, cancellationToken).ConfigureAwait(false);
        return View(member.TwinSpaceId, id, await store.FindAvatarAsync(member.TwinSpaceId, id, cancellationToken).ConfigureAwait(false));
    }

    public async Task<AvatarView> UploadAsync(MemberContext member, Stream body, long? declaredLength, CancellationToken cancellationToken)
    {
        using var upload = await receiver.ReceiveAsync(body, declaredLength, type => type.Kind == MaterialKind.Image
            ? new UploadLimit(_options.MaxImageBytes, $"Avatars can have at most {_options.MaxImageBytes / (1024 * 1024)} MB.", "Avatar_TooLarge", [_options.MaxImageBytes / (1024 * 1024)])
            : throw CollabException.Invalid("An avatar must be a picture (JPEG, PNG, GIF or WebP).").WithKey("Avatar_NotPicture"), cancellationToken).ConfigureAwait(false);
        var outputPath = blobs.NewTempPath();
        try
        {
            var limits = new ImageLimits(_options.MaxImagePixels, _options.MaxAnimationPixels);
            ImageOutput square;
            try
            {
                square = await slots.RunAsync(() => pipeline.Square(upload.TempPath, limits, _options.AvatarPixels, outputPath), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (ImageRejectedException rejected)
            {
                throw (rejected.Reason == ImageRejection.TooManyPixels ? CollabException.TooLarge(rejected.Message) : CollabException.Invalid(rejected.Message))
                    .WithKey(rejected.MessageKey, [.. rejected.MessageArguments]);
            }
            var (sha256, size) = await HashingFile.HashAsync(square.Path, cancellationToken).ConfigureAwait(false);
            await blobs.AddAsync(square.Path, sha256, size, cancellationToken).ConfigureAwait(false);
            var avatar = new MemberAvatar { Id = member.AccountId, Sha256 = sha256, UpdatedAt = clock.GetUtcNow().UtcDateTime };
            // The blob holds a reference from here: the avatar is written, and the replaced one released, even if the caller cancels.
            var previous = await store.SetAvatarAsync(member.TwinSpaceId, member.AccountId, avatar, CancellationToken.None).ConfigureAwait(false);
            if (previous is not null) await blobs.ReleaseAsync(previous.Sha256, CancellationToken.None).ConfigureAwait(false);
            return View(member.TwinSpaceId, member.AccountId, avatar);
        }
        finally
        {
            File.Delete(outputPath);
        }
    }

    public async Task<AvatarView> ResetAsync(MemberContext member, CancellationToken cancellationToken = default)
    {
        var previous = await store.SetAvatarAsync(member.TwinSpaceId, member.AccountId, null, cancellationToken).ConfigureAwait(false);
        if (previous is not null) await blobs.ReleaseAsync(previous.Sha256, CancellationToken.None).ConfigureAwait(false);
        return View(member.TwinSpaceId, member.AccountId, null);
    }

    public async Task<IResult> ServeAsync(HttpContext http, string twinSpaceId, string? accountId, int maxAgeSeconds, CancellationToken cancellationToken = default)
    {
        var id = await RequireMemberAsync(twinSpaceId, accountId, cancellationToken).ConfigureAwait(false);
        var avatar = await store.FindAvatarAsync(twinSpaceId, id, cancellationToken).ConfigureAwait(false);
        if (avatar is not null && await blobs.PathOfAsync(avatar.Sha256, cancellationToken).ConfigureAwait(false) is { } path)
            return MaterialDownloads.File(http, path, "image/webp", avatar.Sha256, null, avatar.UpdatedAt, maxAgeSeconds);
        MaterialDownloads.SetSafetyHeaders(http, maxAgeSeconds);
        return Results.Bytes(DefaultAvatar.Svg(id), "image/svg+xml",
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{DefaultAvatar.Hash(id)}\""));
    }

    private AvatarView View(string twinSpaceId, string accountId, MemberAvatar? avatar)
    {
        var (url, expiresAt) = signer.Sign(MaterialPaths.SignedAvatar(twinSpaceId, accountId));
        // The version makes browsers fetch the new picture right after a change instead of a cached one.
        var version = avatar?.Sha256[..12] ?? "generated";
        return new AvatarView(accountId, avatar is not null, $"{url}&v={version}", expiresAt);
    }

    private async Task<string> RequireMemberAsync(string twinSpaceId, string? accountId, CancellationToken cancellationToken)
    {
        var id = Require.Id(accountId, "accountId");
        return await twinSpaces.FindMembershipAsync(twinSpaceId, id, cancellationToken).ConfigureAwait(false) is not null ? id : throw CollabException.NotFound("No such member.").WithKey("NotFound_Member");
    }
}
