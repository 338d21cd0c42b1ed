using System.Text;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Materials;
using ETwinning.Collab.Server.Infrastructure.Images;
using ETwinning.Collab.TestSupport;

namespace ETwinning.Collab.Server.Tests.Materials;

public sealed class ContentSnifferTests
{
    [Fact]
    public void Images_are_recognised_by_their_magic_bytes()
    {
        Assert.Equal(ImageFormat.Jpeg, ContentSniffer.Sniff(TestImages.PlainJpeg(8, 8)).Type!.ImageFormat);
        Assert.Equal(ImageFormat.Png, ContentSniffer.Sniff(TestImages.Png(8, 8)).Type!.ImageFormat);
        Assert.Equal(ImageFormat.Gif, ContentSniffer.Sniff(TestImages.AnimatedGif(8, 8, 2)).Type!.ImageFormat);
        Assert.Equal(ImageFormat.WebP, ContentSniffer.Sniff("RIFF\x10\0\0\0WEBPVP8 "u8).Type!.ImageFormat);
    }

    [Fact]
    public void Documents_videos_and_text_are_recognised()
    {
        Assert.Equal("application/pdf", ContentSniffer.Sniff(TestImages.Pdf()).Type!.ContentType);
        Assert.Equal(ContentCheck.ZipContainer, ContentSniffer.Sniff(TestImages.Docx()).Type!.Check);
        Assert.Equal("video/mp4", ContentSniffer.Sniff("\0\0\0\u0018ftypisom\0\0\x02\0"u8).Type!.ContentType);
        Assert.Equal("video/quicktime", ContentSniffer.Sniff("\0\0\0\u0014ftypqt  \0\0\0\0"u8).Type!.ContentType);
        Assert.Equal("video/webm", ContentSniffer.Sniff([0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x84, .. "webm"u8.ToArray()]).Type!.ContentType);
        var text = ContentSniffer.Sniff(Encoding.UTF8.GetBytes("Wir haben Wasser gemessen: 12 °C, ça va.\r\n\tNext line"));
        Assert.Equal(MaterialKind.File, text.Type!.Kind);
        Assert.Equal(ContentCheck.Text, text.Type.Check);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'M', (byte)'Z', 0x90, 0 })]
    [InlineData(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1 })]
    [InlineData(new byte[] { 0xCF, 0xFA, 0xED, 0xFE, 7, 0 })]
    [InlineData(new byte[] { (byte)'#', (byte)'!', (byte)'/', (byte)'b', (byte)'i', (byte)'n' })]
    public void Executables_are_refused_whatever_they_are_called(byte[] head)
    {
        var result = ContentSniffer.Sniff(head);
        Assert.Null(result.Type);
        Assert.Contains("Programs", result.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_binary_content_and_empty_files_are_refused()
    {
        Assert.Null(ContentSniffer.Sniff([0x00, 0x01, 0x02, 0xFE, 0x00, 0x10]).Type);
        Assert.Null(ContentSniffer.Sniff([]).Type);
        Assert.Null(ContentSniffer.Sniff("\0\0\0\u0018ftypheic\0\0\0\0"u8).Type);
        // Latin-1 bytes that are not UTF-8 are not "text".
        Assert.Null(ContentSniffer.Sniff([0x48, 0xE9, 0xE9, 0x6C, 0x6F]).Type);
    }

    [Fact]
    public void The_text_validator_catches_binary_after_a_clean_start_and_accepts_split_characters()
    {
        var validator = new TextValidator();
        var euro = "€"u8.ToArray();
        Assert.True(validator.TryAppend([.. "price: "u8.ToArray(), euro[0]], final: false));
        Assert.True(validator.TryAppend(euro.AsSpan(1), final: false));
        Assert.False(validator.TryAppend([0x00, 0x01], final: false));
    }
}
