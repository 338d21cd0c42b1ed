using System.IO.Compression;
using ETwinning.Collab.Server.Features.Materials;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.TestSupport;

namespace ETwinning.Collab.Server.Tests.Materials;

public sealed class ZipContainerInspectorTests : IDisposable
{
    private static readonly ZipLimits Limits = new(MaxEntries: 100, MaxUncompressedBytes: 50L * 1024 * 1024, MaxCompressionRatio: 100);
    private readonly string _path = Path.GetTempFileName();

    [Fact]
    public void A_docx_and_an_odt_are_accepted_with_their_types()
    {
        Assert.Equal("docx", Inspect(TestImages.Docx()).Extension);
        Assert.Equal("application/vnd.oasis.opendocument.text", Inspect(TestImages.Odt()).ContentType);
    }

    [Fact]
    public void A_plain_zip_archive_is_refused()
    {
        var error = Refused(TestImages.Zip(("notes.txt", "hello"u8.ToArray(), CompressionLevel.Optimal)));
        Assert.Contains("Office or OpenDocument", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_bomb_is_refused_from_its_declared_sizes_without_extracting()
    {
        var error = Refused(TestImages.DocxZipBomb());
        Assert.Contains("zip bomb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_whose_headers_declare_a_small_size_but_which_inflates_large_is_refused()
    {
        // 20 MB of zeros declared as 1,000 bytes in both headers: every declared size and ratio looks harmless.
        var error = Refused(TestImages.DocxWithLyingSizes(realBytes: 20 * 1024 * 1024, declaredBytes: 1_000));
        Assert.Contains("zip bomb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Honest_headers_that_inflate_to_exactly_their_declared_size_pass()
    {
        // The same crafted layout with the true size written back: the check counts, it does not guess.
        Assert.Equal("docx", Inspect(TestImages.DocxWithLyingSizes(realBytes: 50_000, declaredBytes: 50_000)).Extension);
    }

    [Fact]
    public void Too_many_entries_are_refused_from_the_end_record()
    {
        var entries = Enumerable.Range(0, 150).Select(i => ($"word/part{i}.xml", "<x/>"u8.ToArray(), CompressionLevel.Optimal))
            .Prepend(("[Content_Types].xml", "<Types/>"u8.ToArray(), CompressionLevel.Optimal)).ToArray();
        Assert.Contains("parts", Refused(TestImages.Zip(entries)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../evil.sh")]
    [InlineData("word/../../../etc/cron.d/job")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/Windows/evil.dll.txt")]
    public void Entries_with_unsafe_paths_are_refused(string name)
    {
        var zip = TestImages.Zip(("[Content_Types].xml", "<Types/>"u8.ToArray(), CompressionLevel.Optimal),
            ("word/document.xml", "<w/>"u8.ToArray(), CompressionLevel.Optimal), (name, "x"u8.ToArray(), CompressionLevel.Optimal));
        Assert.Contains("unsafe", Refused(zip).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Macro_enabled_documents_are_refused()
    {
        Assert.Contains("macros", Refused(TestImages.Docx("<Types><Override ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/></Types>")).Message, StringComparison.Ordinal);
        var withVba = TestImages.Zip(("[Content_Types].xml", "<Types/>"u8.ToArray(), CompressionLevel.Optimal),
            ("word/document.xml", "<w/>"u8.ToArray(), CompressionLevel.Optimal), ("word/vbaProject.bin", [1, 2, 3], CompressionLevel.Optimal));
        Assert.Contains("macros", Refused(withVba).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_after_the_archive_is_refused()
    {
        Assert.Contains("after its end", Refused([.. TestImages.Docx(), .. "MZ trailing program"u8.ToArray()]).Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_path);

    private DetectedType Inspect(byte[] bytes)
    {
        File.WriteAllBytes(_path, bytes);
        return ZipContainerInspector.Inspect(_path, Limits);
    }

    private CollabException Refused(byte[] bytes)
    {
        var error = Assert.Throws<CollabException>(() => Inspect(bytes));
        Assert.Equal(ErrorCodes.Invalid, error.Code);
        return error;
    }
}
