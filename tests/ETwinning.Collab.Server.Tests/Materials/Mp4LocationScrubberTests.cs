using System.Text;
using ETwinning.Collab.Server.Features.Materials;
using ETwinning.Collab.TestSupport;

namespace ETwinning.Collab.Server.Tests.Materials;

public sealed class Mp4LocationScrubberTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    [Fact]
    public void Every_location_a_phone_writes_is_zeroed_and_nothing_else_changes()
    {
        var original = TestImages.Mp4WithLocation();
        Assert.Equal(4, Count(original, TestImages.VideoLocation));
        File.WriteAllBytes(_path, original);

        Assert.Equal(4, Mp4LocationScrubber.Scrub(_path));

        var scrubbed = File.ReadAllBytes(_path);
        Assert.Equal(0, Count(scrubbed, TestImages.VideoLocation));
        Assert.Equal(original.Length, scrubbed.Length);
        // Same boxes, same media: only the location payloads differ.
        Assert.Equal(original[^4096..], scrubbed[^4096..]);
        var changed = Enumerable.Range(0, original.Length).Count(i => original[i] != scrubbed[i]);
        Assert.InRange(changed, 4 * TestImages.VideoLocation.Length, 200);
        Assert.Contains("com.apple.quicktime.location.ISO6709", Encoding.Latin1.GetString(scrubbed), StringComparison.Ordinal);
    }

    [Fact]
    public void A_video_without_location_is_left_alone()
    {
        byte[] plain = [0, 0, 0, 0x10, .. "ftypisom"u8.ToArray(), 0, 0, 0, 0, 0, 0, 0, 0x10, .. "mdat"u8.ToArray(), 1, 2, 3, 4, 5, 6, 7, 8];
        File.WriteAllBytes(_path, plain);
        Assert.Equal(0, Mp4LocationScrubber.Scrub(_path));
        Assert.Equal(plain, File.ReadAllBytes(_path));
    }

    [Fact]
    public void A_box_claiming_more_bytes_than_the_file_has_is_refused()
    {
        byte[] broken = [0, 0, 0, 0x10, .. "ftypisom"u8.ToArray(), 0, 0, 0, 0, 0x7F, 0, 0, 0, .. "moov"u8.ToArray(), 1, 2, 3];
        File.WriteAllBytes(_path, broken);
        Assert.Throws<Infrastructure.Errors.CollabException>(() => Mp4LocationScrubber.Scrub(_path));
    }

    public void Dispose() => File.Delete(_path);

    private static int Count(byte[] bytes, string text)
    {
        var haystack = Encoding.Latin1.GetString(bytes);
        var count = 0;
        for (var at = haystack.IndexOf(text, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(text, at + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
