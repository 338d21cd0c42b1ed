using NetVips;
using VipsImage = NetVips.Image;

namespace ETwinning.Collab.Server.Infrastructure.Images;

/// <summary>
/// The shared image engine (libvips through NetVips). It never writes a pixel it has not decoded itself: every
/// output is re-encoded from decoded pixels with <c>keep=none</c>, so EXIF (GPS included), XMP, IPTC, ICC and
/// comments never survive, and whatever else a polyglot carried after or around the image is gone. Orientation
/// is applied to the pixels first, so pictures stay upright without their EXIF tag. Callers bound concurrency.
/// </summary>
public sealed class ImagePipeline
{
    private const int JpegQuality = 88;
    private const int WebPQuality = 82;

    static ImagePipeline()
    {
        // Loaders for SVG, PDF, HEIF, TIFF, raw... are attack surface we do not need: only the four we sniff for run.
        NetVips.NetVips.BlockUntrusted = true;
        Operation.Block("VipsForeignLoad", true);
        foreach (var allowed in new[] { "VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadGif", "VipsForeignLoadNsgif", "VipsForeignLoadWebp" })
            Operation.Block(allowed, false);
        // Every upload is different: libvips' operation cache would only hold on to memory.
        Cache.Max = 0;
    }

    /// <summary>Reads format, dimensions and frame count from the header; no pixels are decoded.</summary>
    public ImageHeader ReadHeader(string path)
    {
        try
        {
            using var image = VipsImage.NewFromFile(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
            var loader = image.Contains("vips-loader") ? image.Get("vips-loader") as string ?? "" : "";
            var format = loader switch
            {
                _ when loader.StartsWith("jpeg", StringComparison.Ordinal) => ImageFormat.Jpeg,
                _ when loader.StartsWith("png", StringComparison.Ordinal) => ImageFormat.Png,
                _ when loader.StartsWith("gif", StringComparison.Ordinal) => ImageFormat.Gif,
                _ when loader.StartsWith("webp", StringComparison.Ordinal) => ImageFormat.WebP,
                _ => throw new ImageRejectedException(ImageRejection.Unreadable, "This image format is not accepted.", "Image_Format"),
            };
            var pages = image.Contains("n-pages") ? Math.Max(1, (int)image.Get("n-pages")) : 1;
            return new ImageHeader(format, image.Width, image.Height, pages);
        }
        catch (VipsException error)
        {
            throw new ImageRejectedException(ImageRejection.Unreadable, error, "The image cannot be read.", "Image_Unreadable");
        }
    }

    /// <summary>Refuses an image whose header promises more pixels than allowed, before anything is decoded.</summary>
    public static void CheckLimits(ImageHeader header, ImageLimits limits)
    {
        if (header.Width <= 0 || header.Height <= 0)
            throw new ImageRejectedException(ImageRejection.Unreadable, "The image has no pixels.", "Image_NoPixels");
        if (header.Pixels > limits.MaxPixels)
            throw new ImageRejectedException(ImageRejection.TooManyPixels,
                $"The image has {header.Pixels:N0} pixels; at most {limits.MaxPixels:N0} are accepted.", "Image_TooManyPixels", header.Pixels, limits.MaxPixels);
        if (header.IsAnimated && header.TotalPixels > limits.MaxAnimationPixels)
            throw new ImageRejectedException(ImageRejection.TooManyPixels,
                $"The animation has {header.TotalPixels:N0} pixels in all its frames; at most {limits.MaxAnimationPixels:N0} are accepted.", "Image_AnimationTooManyPixels", header.TotalPixels, limits.MaxAnimationPixels);
    }

    /// <summary>
    /// Re-encodes <paramref name="source"/> (same format, upright, no metadata) and writes a WebP thumbnail for each
    /// edge length. Animations keep all frames in the re-encoded original; thumbnails show the first frame.
    /// </summary>
    public ProcessedImage Process(string source, ImageFormat expected, ImageLimits limits, IReadOnlyList<int> thumbnailEdges, Func<string> newTempPath)
    {
        var header = ReadHeader(source);
        if (header.Format != expected)
            throw new ImageRejectedException(ImageRejection.Unreadable, "The image's content does not match its type.", "Image_TypeMismatch");
        CheckLimits(header, limits);
        var written = new List<string>();
        try
        {
            var original = header.IsAnimated
                ? ReencodeAnimation(source, header.Format, Track(newTempPath(), written))
                : ReencodeStill(source, header.Format, Track(newTempPath(), written));
            var thumbnails = thumbnailEdges.Select(edge => Thumbnail(original.Path, edge, crop: false, Track(newTempPath(), written))).ToList();
            return new ProcessedImage(original, thumbnails, header.IsAnimated);
        }
        catch (Exception error)
        {
            foreach (var path in written) File.Delete(path);
            if (error is VipsException) throw new ImageRejectedException(ImageRejection.Unreadable, error, "The image is damaged or incomplete.", "Image_Damaged");
            throw;
        }
    }

    /// <summary>An upright square WebP of <paramref name="edge"/> pixels, cropped around the most interesting part.</summary>
    public ImageOutput Square(string source, ImageLimits limits, int edge, string outputPath)
    {
        var header = ReadHeader(source);
        CheckLimits(header, limits);
        try { return Thumbnail(source, edge, crop: true, outputPath); }
        catch (VipsException error)
        {
            File.Delete(outputPath);
            throw new ImageRejectedException(ImageRejection.Unreadable, error, "The image is damaged or incomplete.", "Image_Damaged");
        }
    }

    private static ImageOutput ReencodeStill(string source, ImageFormat format, string outputPath)
    {
        // Most photos need no rotation: then the image streams through top to bottom and is never whole in
        // memory. Rotating needs random access, so only those photos are decoded completely.
        var loaded = VipsImage.NewFromFile(source, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
        if (NeedsRotation(loaded))
        {
            loaded.Dispose();
            loaded = VipsImage.NewFromFile(source, access: Enums.Access.Random, failOn: Enums.FailOn.Error);
        }
        using var _ = loaded;
        using var upright = loaded.Autorot();
        using var srgb = ToSrgb(upright);
        Save(srgb, format, outputPath);
        return new ImageOutput(outputPath, ContentTypeOf(format), srgb.Width, srgb.Height, 0);
    }

    private static bool NeedsRotation(VipsImage image) =>
        image.Contains("orientation") && image.Get("orientation") is int orientation && orientation > 1;

    private static ImageOutput ReencodeAnimation(string source, ImageFormat format, string outputPath)
    {
        using var frames = VipsImage.NewFromFile(source, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error,
            kwargs: new VOption { { "n", -1 } });
        Save(frames, format, outputPath);
        var frameHeight = frames.Contains("page-height") ? (int)frames.Get("page-height") : frames.Height;
        return new ImageOutput(outputPath, ContentTypeOf(format), frames.Width, frameHeight, 0);
    }

    private static ImageOutput Thumbnail(string source, int edge, bool crop, string outputPath)
    {
        // thumbnail shrinks while decoding (JPEG shrink-on-load) and applies EXIF orientation itself.
        using var thumbnail = VipsImage.Thumbnail(source, edge, height: edge, size: crop ? Enums.Size.Both : Enums.Size.Down,
            crop: crop ? Enums.Interesting.Attention : Enums.Interesting.None, failOn: Enums.FailOn.Error);
        using var srgb = ToSrgb(thumbnail);
        srgb.Webpsave(outputPath, q: WebPQuality, keep: Enums.ForeignKeep.None);
        return new ImageOutput(outputPath, "image/webp", srgb.Width, srgb.Height, edge);
    }

    private static VipsImage ToSrgb(VipsImage image)
    {
        // Without its ICC profile (dropped with the rest of the metadata) a wide-gamut picture would look washed
        // out, so colours are converted to sRGB first; browsers assume sRGB for untagged images.
        if (image.Contains("icc-profile-data"))
        {
            try { return image.IccTransform("srgb", embedded: true, intent: Enums.Intent.Perceptual); }
            catch (VipsException) { /* a broken profile: fall back to a plain conversion */ }
        }
        return image.Interpretation is Enums.Interpretation.Srgb or Enums.Interpretation.Bw
            ? image.Copy()
            : image.Colourspace(Enums.Interpretation.Srgb);
    }

    private static void Save(VipsImage image, ImageFormat format, string path)
    {
        switch (format)
        {
            case ImageFormat.Jpeg: image.Jpegsave(path, q: JpegQuality, optimizeCoding: true, keep: Enums.ForeignKeep.None); break;
            case ImageFormat.Png: image.Pngsave(path, compression: 6, keep: Enums.ForeignKeep.None); break;
            case ImageFormat.Gif: image.Gifsave(path, keep: Enums.ForeignKeep.None); break;
            case ImageFormat.WebP: image.Webpsave(path, q: WebPQuality, keep: Enums.ForeignKeep.None); break;
            default: throw new ArgumentOutOfRangeException(nameof(format));
        }
    }

    public static string ContentTypeOf(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Png => "image/png",
        ImageFormat.Gif => "image/gif",
        ImageFormat.WebP => "image/webp",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static string Track(string path, List<string> written)
    {
        written.Add(path);
        return path;
    }
}
