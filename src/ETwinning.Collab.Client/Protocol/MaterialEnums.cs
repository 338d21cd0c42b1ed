namespace ETwinning.Collab.Client.Protocol;

/// <summary>What a material is, decided by the server from its content (never from its name).</summary>
public enum MaterialKind
{
    /// <summary>JPEG, PNG, GIF or WebP; re-encoded without metadata, with thumbnails.</summary>
    Image,
    /// <summary>PDF, Office (OOXML) and OpenDocument files, plain text.</summary>
    File,
    /// <summary>MP4, QuickTime or WebM.</summary>
    Video,
}

/// <summary>Where a material is in its life: images are processed off the request path.</summary>
public enum MaterialStatus
{
    /// <summary>Uploaded; the image pipeline has not finished yet.</summary>
    Processing,
    /// <summary>Downloadable.</summary>
    Ready,
}

/// <summary>Albums hold images and videos; folders hold anything.</summary>
public enum MaterialCollectionKind
{
    /// <summary>For pictures and videos.</summary>
    Album,
    /// <summary>For files of every allowed type.</summary>
    Folder,
}

/// <summary>The stored forms of a material.</summary>
public enum MaterialVariant
{
    /// <summary>The file as stored: for images the re-encoded copy without metadata.</summary>
    Original,
    /// <summary>A small WebP (320 px on the longer edge by default), images only.</summary>
    Thumbnail,
    /// <summary>A large WebP (1280 px by default), images only.</summary>
    Preview,
}
