namespace ETwinning.Collab.Client.Protocol;

/// <summary>
/// A material as members see it. <c>CollectionId</c> is the album or folder (null: top level); <c>FileName</c> is
/// sanitized, with the extension of the detected type; <c>ContentType</c> is detected from the content;
/// <c>SizeBytes</c> is the stored original's size (for images after re-encoding); <c>Sha256</c> is the stored
/// original's hash and the download's ETag (null while processing); <c>Urls</c> are short-lived signed URLs usable
/// in <c>img</c>/<c>video</c> tags without a token (null while processing).
/// </summary>
public sealed record MaterialView(
    string Id, string TwinSpaceId, string? CollectionId, MaterialKind Kind, MaterialStatus Status,
    string Title, string Description, string FileName, string ContentType, long SizeBytes,
    int? Width, int? Height, bool Animated, string UploadedBy, string UploaderName, DateTime UploadedAt,
    string? Sha256, MaterialUrls? Urls);

/// <summary>Signed download URLs, valid until <see cref="ExpiresAt"/>; ask <c>GetMaterialUrls</c> for fresh ones.</summary>
public sealed record MaterialUrls(string Original, string? Thumbnail, string? Preview, DateTime ExpiresAt);

/// <summary>An album or a folder.</summary>
public sealed record MaterialCollectionView(
    string Id, string TwinSpaceId, MaterialCollectionKind Kind, string Title, string Description, string CreatedBy, DateTime CreatedAt);

/// <summary>Everything a member sees in the materials area, and how much of the quota is used.</summary>
public sealed record MaterialsSnapshot(
    IReadOnlyList<MaterialCollectionView> Collections, IReadOnlyList<MaterialView> Materials, long UsedBytes, long QuotaBytes);

/// <summary>Creates an album or a folder.</summary>
public sealed record CreateMaterialCollectionRequest(MaterialCollectionKind Kind, string Title, string? Description);

/// <summary>Renames an album or folder.</summary>
public sealed record UpdateMaterialCollectionRequest(string Title, string? Description);

/// <summary>Renames a material, changes its description or moves it (null collection: top level).</summary>
public sealed record UpdateMaterialRequest(string Title, string? Description, string? CollectionId);

/// <summary>An uploaded image could not be processed; nothing of it is kept.</summary>
public sealed record MaterialFailedEvent(string TwinSpaceId, string MaterialId, string UploadedBy, string Code, string Reason);

/// <summary>A material was deleted.</summary>
public sealed record MaterialDeletedEvent(string TwinSpaceId, string MaterialId);

/// <summary>An album or folder was deleted.</summary>
public sealed record MaterialCollectionDeletedEvent(string TwinSpaceId, string CollectionId);

/// <summary>A member's avatar: generated from the account id until the member uploads one.</summary>
public sealed record AvatarView(string AccountId, bool Uploaded, string Url, DateTime ExpiresAt);
