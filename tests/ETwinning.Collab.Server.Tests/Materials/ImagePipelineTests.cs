using ETwinning.Collab.Server.Infrastructure.Images;
using ETwinning.Collab.TestSupport;
using NetVips;

namespace ETwinning.Collab.Server.Tests.Materials;

public sealed class ImagePipelineTests : IDisposable
{
    private static readonly ImageLimits Limits = new(MaxPixels: 40_000_000, MaxAnimationPixels: 100_000_000);
    private readonly ImagePipeline _pipeline = new();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("pipeline-test-");

    [Fact]
    public void Gps_exif_xmp_and_comments_are_gone_from_the_original_and_the_thumbnails()
    {
        var source = Write(TestImages.JpegWithGps(640, 480));
        // The input really carries them, or this test would prove nothing.
        Assert.Contains(TestImages.MetadataFields(File.ReadAllBytes(source)), f => f.Contains("GPSLatitude", StringComparison.Ordinal));
        Assert.True(TestImages.ContainsPlantedMetadata(File.ReadAllBytes(source)));

        var result = _pipeline.Process(source, ImageFormat.Jpeg, Limits, [320, 1280], NewPath);

        Assert.Equal("image/jpeg", result.Original.ContentType);
        foreach (var output in result.Thumbnails.Prepend(result.Original))
        {
            var bytes = File.ReadAllBytes(output.Path);
            Assert.Empty(TestImages.MetadataFields(bytes));
            Assert.False(TestImages.ContainsPlantedMetadata(bytes));
        }
    }

    [Fact]
    public void Thumbnails_are_webp_within_their_edge_and_never_upscaled()
    {
        var result = _pipeline.Process(Write(TestImages.PlainJpeg(2000, 1000)), ImageFormat.Jpeg, Limits, [320, 1280], NewPath);
        Assert.Equal((320, 160), (result.Thumbnails[0].Width, result.Thumbnails[0].Height));
        Assert.Equal((1280, 640), (result.Thumbnails[1].Width, result.Thumbnails[1].Height));
        Assert.All(result.Thumbnails, t => Assert.Equal("image/webp", t.ContentType));
        using (var webp = Image.NewFromFile(result.Thumbnails[0].Path)) Assert.Equal("webpload", webp.Get("vips-loader"));

        var small = _pipeline.Process(Write(TestImages.Png(100, 50)), ImageFormat.Png, Limits, [320], NewPath);
        Assert.Equal((100, 50), (small.Thumbnails[0].Width, small.Thumbnails[0].Height));
    }

    [Fact]
    public void Orientation_is_applied_to_the_pixels_before_the_tag_is_dropped()
    {
        // Orientation 6: the camera was turned; the picture must come out portrait.
        var result = _pipeline.Process(Write(TestImages.JpegWithGps(64, 32, orientation: 6)), ImageFormat.Jpeg, Limits, [320], NewPath);
        Assert.Equal((32, 64), (result.Original.Width, result.Original.Height));
        using var stored = Image.NewFromFile(result.Original.Path);
        Assert.Equal((32, 64), (stored.Width, stored.Height));
        Assert.False(stored.Contains("orientation"));
    }

    [Fact]
    public void A_pixel_bomb_is_refused_from_its_header()
    {
        var source = Write(TestImages.PngPixelBomb(50_000, 50_000));
        var header = _pipeline.ReadHeader(source);
        Assert.Equal(2_500_000_000, header.Pixels);
        var error = Assert.Throws<ImageRejectedException>(() => _pipeline.Process(source, ImageFormat.Png, Limits, [320], NewPath));
        Assert.Equal(ImageRejection.TooManyPixels, error.Reason);
        Assert.DoesNotContain(_folder.GetFiles(), f => f.FullName != source);
    }

    [Fact]
    public void A_truncated_image_is_refused_and_leaves_no_output()
    {
        var source = Write(TestImages.TruncatedJpeg());
        var error = Assert.Throws<ImageRejectedException>(() => _pipeline.Process(source, ImageFormat.Jpeg, Limits, [320, 1280], NewPath));
        Assert.Equal(ImageRejection.Unreadable, error.Reason);
        Assert.DoesNotContain(_folder.GetFiles(), f => f.FullName != source);
    }

    [Fact]
    public void Content_that_is_not_what_the_sniffer_said_is_refused()
    {
        var error = Assert.Throws<ImageRejectedException>(() => _pipeline.Process(Write(TestImages.Png(10, 10)), ImageFormat.Jpeg, Limits, [320], NewPath));
        Assert.Equal(ImageRejection.Unreadable, error.Reason);
    }

    [Fact]
    public void Animated_gifs_keep_their_frames_and_thumbnails_show_the_first()
    {
        var result = _pipeline.Process(Write(TestImages.AnimatedGif(40, 30, frames: 4)), ImageFormat.Gif, Limits, [320], NewPath);
        Assert.True(result.Animated);
        Assert.Equal((40, 30), (result.Original.Width, result.Original.Height));
        using (var stored = Image.NewFromFile(result.Original.Path, kwargs: new VOption { { "n", -1 } }))
            Assert.Equal(4, (int)stored.Get("n-pages"));
        using var thumbnail = Image.NewFromFile(result.Thumbnails[0].Path);
        Assert.Equal((40, 30), (thumbnail.Width, thumbnail.Height));
        Assert.False(thumbnail.Contains("n-pages") && (int)thumbnail.Get("n-pages") > 1);
    }

    [Fact]
    public void Animations_with_too_many_pixels_over_all_frames_are_refused()
    {
        var source = Write(TestImages.AnimatedGif(100, 100, frames: 5));
        var error = Assert.Throws<ImageRejectedException>(() =>
            _pipeline.Process(source, ImageFormat.Gif, new ImageLimits(MaxPixels: 20_000, MaxAnimationPixels: 40_000), [320], NewPath));
        Assert.Equal(ImageRejection.TooManyPixels, error.Reason);
    }

    [Fact]
    public void An_avatar_is_a_square_webp_without_metadata()
    {
        var output = _pipeline.Square(Write(TestImages.JpegWithGps(300, 200)), Limits, 128, NewPath());
        Assert.Equal((128, 128), (output.Width, output.Height));
        var bytes = File.ReadAllBytes(output.Path);
        Assert.Empty(TestImages.MetadataFields(bytes));
        Assert.False(TestImages.ContainsPlantedMetadata(bytes));
    }

    [Fact]
    public void Formats_outside_the_allowlist_do_not_even_load()
    {
        var svg = Write("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"u8.ToArray());
        Assert.Throws<ImageRejectedException>(() => _pipeline.ReadHeader(svg));
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private string NewPath() => Path.Combine(_folder.FullName, Guid.NewGuid().ToString("N"));

    private string Write(byte[] bytes)
    {
        var path = NewPath();
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
