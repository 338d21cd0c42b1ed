using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Features.Materials;

public sealed class MaterialsOptions : IValidatableObject
{
    public const string Section = "Materials";

    /// <summary>Largest image upload (the platform's limit: 10 MB).</summary>
    [Range(1_024, 1L << 40)] public long MaxImageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest document upload (the platform's limit: 100 MB).</summary>
    [Range(1_024, 1L << 40)] public long MaxFileBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>Largest video upload (the platform's limit: 100 MB).</summary>
    [Range(1_024, 1L << 40)] public long MaxVideoBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>All materials of one TwinSpace together (stored sizes).</summary>
    [Range(1_024, 1L << 50)] public long QuotaBytesPerTwinSpace { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Width x height of one image; larger ones are refused before decoding (decompression bombs).</summary>
    [Range(1, 1_000_000_000)] public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>Width x height x frames of an animated GIF or WebP.</summary>
    [Range(1, 2_000_000_000)] public long MaxAnimationPixels { get; set; } = 100_000_000;

    /// <summary>Longer edge of the small thumbnail (lists, page embeds).</summary>
    [Range(16, 4_096)] public int ThumbnailPixels { get; set; } = 320;

    /// <summary>Longer edge of the large preview (lightbox).</summary>
    [Range(16, 8_192)] public int PreviewPixels { get; set; } = 1_280;

    /// <summary>Edge of the square avatar.</summary>
    [Range(16, 1_024)] public int AvatarPixels { get; set; } = 256;

    /// <summary>Images processed at the same time (each holds one decoded image in memory).</summary>
    [Range(1, 64)] public int ProcessingConcurrency { get; set; } = 2;

    /// <summary>Uploaded images waiting for processing; beyond this, uploads are refused with rate_limited.</summary>
    [Range(1, 100_000)] public int ProcessingQueueCapacity { get; set; } = 200;

    /// <summary>Uploads (materials and avatars) one account may start per minute.</summary>
    [Range(1, 100_000)] public int UploadsPerMinute { get; set; } = 60;

    /// <summary>How long a signed download URL stays valid.</summary>
    [Range(30, 86_400)] public int SignedUrlSeconds { get; set; } = 900;

    /// <summary>Entries in an Office/OpenDocument zip container.</summary>
    [Range(1, 1_000_000)] public int MaxZipEntries { get; set; } = 5_000;

    /// <summary>Sum of the uncompressed sizes of a zip container's entries, as declared and as counted while inflating.</summary>
    [Range(1_024, 1L << 40)] public long MaxZipUncompressedBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Uncompressed / compressed size of one entry above which it counts as a zip bomb.</summary>
    [Range(2, 100_000)] public int MaxZipCompressionRatio { get; set; } = 100;

    [Range(1, 500)] public int MaxTitleLength { get; set; } = 120;

    [Range(0, 20_000)] public int MaxDescriptionLength { get; set; } = 2_000;

    /// <summary>
    /// Tries of one material change (a rename, processing finishing) that finds the material changed since it read it;
    /// only its owner, managers and the processor change one material, so few tries are ever needed.
    /// </summary>
    [Range(1, 1_000)] public int MaterialChangeAttempts { get; set; } = 20;

    public long MaxUploadBytes => Math.Max(MaxImageBytes, Math.Max(MaxFileBytes, MaxVideoBytes));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ThumbnailPixels >= PreviewPixels)
            yield return new ValidationResult("ThumbnailPixels must be smaller than PreviewPixels.", [nameof(ThumbnailPixels), nameof(PreviewPixels)]);
        if (MaxAnimationPixels < MaxImagePixels)
            yield return new ValidationResult("MaxAnimationPixels must be at least MaxImagePixels.", [nameof(MaxAnimationPixels)]);
    }
}
