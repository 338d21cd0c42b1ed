using System.Net;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.TestSupport;

namespace ETwinning.Collab.IntegrationTests.Materials;

/// <summary>The "Bad input" list: clear errors, nothing stored, no temporary files left behind.</summary>
public sealed class MaterialBadInputTests(MaterialsFixture fixture) : IClassFixture<MaterialsFixture>
{
    public static TheoryData<string, string, string, string> RefusedUploads => new()
    {
        { "executable renamed to .jpg", nameof(TestImages.Executable), "holiday.jpg", "invalid" },
        { "jpeg + zip polyglot", nameof(TestImages.JpegZipPolyglot), "cat.jpg", "invalid" },
        { "zip bomb posing as docx", nameof(TestImages.DocxZipBomb), "essay.docx", "invalid" },
        { "pixel bomb", nameof(TestImages.PngPixelBomb), "tiny.png", "too_large" },
        { "file over the limit", nameof(LargePdf), "big.pdf", "too_large" },
    };

    [Theory]
    [MemberData(nameof(RefusedUploads))]
    public async Task Bad_uploads_are_refused_and_leave_nothing_behind(string what, string content, string fileName, string code)
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var blobsBefore = fixture.BlobFiles().Count;
        var bytes = content == nameof(LargePdf) ? LargePdf() : (byte[])typeof(TestImages).GetMethod(content)!.Invoke(null,
            typeof(TestImages).GetMethod(content)!.GetParameters().Select(p => p.DefaultValue).ToArray())!;

        var error = await Assert.ThrowsAsync<CollabHubException>(() =>
            fixture.Files.UploadAsync(scenario.Founder.AccessToken, scenario.Id, new MemoryStream(bytes), fileName));

        Assert.True(code == error.Code, $"{what}: expected {code}, got {error.Code} ({error.Message})");
        Assert.DoesNotContain(fixture.BlobDirectory, error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(scenario, blobsBefore);
    }

    [Fact]
    public async Task An_upload_over_the_limit_without_a_declared_length_is_cut_off_while_streaming()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var blobsBefore = fixture.BlobFiles().Count;
        // Not seekable: sent chunked, so the server only learns the size by counting. Far bigger than any socket
        // buffer, so a server that drained the body instead of refusing would be caught.
        var stream = new GeneratedPdfStream(256L * 1024 * 1024);

        var error = await Record.ExceptionAsync(() => fixture.Files.UploadAsync(scenario.Founder.AccessToken, scenario.Id, stream, "big.pdf"));

        // The server answers 413 too_large with "Connection: close" and stops reading. Whether HttpClient reports
        // that answer or the broken pipe of the body it was still sending depends on which it notices first
        // (browsers show the answer); either way the upload stopped early.
        switch (error)
        {
            case CollabHubException refusal: Assert.Equal("too_large", refusal.Code); break;
            case HttpRequestException cut: Assert.IsType<IOException>(cut.InnerException); break;
            default: Assert.Fail($"Unexpected outcome: {error}"); break;
        }
        Assert.True(stream.Position < stream.Length / 4, $"the server read {stream.Position:N0} bytes of a refused body");
        await AssertNothingStoredAsync(scenario, blobsBefore);
    }

    [Fact]
    public async Task A_truncated_image_fails_in_processing_and_is_discarded()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var failed = new EventRecorder<MaterialFailedEvent>();
        scenario.FounderHub.MaterialFailed += failed.Record;
        await scenario.FounderHub.JoinTwinSpaceAsync(scenario.Id);
        var blobsBefore = fixture.BlobFiles().Count;

        var uploaded = await fixture.Files.UploadAsync(scenario.Founder.AccessToken, scenario.Id, new MemoryStream(TestImages.TruncatedJpeg()), "broken.jpg");

        var failure = await failed.WaitForAsync(f => f.MaterialId == uploaded.Id);
        Assert.Equal(("invalid", scenario.Founder.Account.Id), (failure.Code, failure.UploadedBy));
        await AssertNothingStoredAsync(scenario, blobsBefore);
    }

    [Fact]
    public async Task Uploads_beyond_the_quota_are_refused()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var token = scenario.Founder.AccessToken;
        await fixture.Files.UploadAsync(token, scenario.Id, new MemoryStream(Pdf(290_000, 1)), "a.pdf");
        await fixture.Files.UploadAsync(token, scenario.Id, new MemoryStream(Pdf(290_000, 2)), "b.pdf");
        var blobsBefore = fixture.BlobFiles().Count;

        var error = await Assert.ThrowsAsync<CollabHubException>(() => fixture.Files.UploadAsync(token, scenario.Id, new MemoryStream(Pdf(200_000, 3)), "c.pdf"));

        Assert.Equal("too_large", error.Code);
        Assert.Contains("quota", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await scenario.FounderHub.ListMaterialsAsync(scenario.Id)).Materials.Count);
        Assert.Equal(blobsBefore, fixture.BlobFiles().Count);
        Assert.Empty(Directory.EnumerateFiles(fixture.TempDirectory));
    }

    [Fact]
    public async Task Uploads_are_rate_limited_per_account()
    {
        await using var server = await CollabServer.StartAsync(new Dictionary<string, string?> { ["Materials:UploadsPerMinute"] = "2" });
        await using var scenario = await TwinSpaceScenario.CreateAsync(server);
        var pupil = await scenario.AddPupilAsync("Badger");
        var files = new MaterialsHttpClient(server.Http);
        Task<MaterialView> Upload(string token, int number) =>
            files.UploadAsync(token, scenario.Id, new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"note {number}\n")), $"note{number}.txt");

        await Upload(pupil.Tokens.AccessToken, 1);
        await Upload(pupil.Tokens.AccessToken, 2);
        var third = await Assert.ThrowsAsync<CollabHubException>(() => Upload(pupil.Tokens.AccessToken, 3));

        Assert.Equal("rate_limited", third.Code);
        await Upload(scenario.Founder.AccessToken, 4);
        Assert.Equal(3, (await scenario.FounderHub.ListMaterialsAsync(scenario.Id)).Materials.Count);
    }

    [Fact]
    public async Task Path_traversal_in_names_ends_as_a_plain_file_name()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var uploaded = await fixture.Files.UploadAsync(scenario.Founder.AccessToken, scenario.Id, new MemoryStream("notes\n"u8.ToArray()), "../../../etc/passwd");
        Assert.Equal("passwd.txt", uploaded.FileName);
        var windows = await fixture.Files.UploadAsync(scenario.Founder.AccessToken, scenario.Id, new MemoryStream("notes 2\n"u8.ToArray()), "..\\..\\boot.ini.exe");
        Assert.Equal("boot.ini.txt", windows.FileName);
    }

    [Fact]
    public async Task Archived_twinspaces_refuse_uploads_with_read_only()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        await scenario.FounderHub.ArchiveTwinSpaceAsync(scenario.Id);
        var error = await Assert.ThrowsAsync<CollabHubException>(() =>
            fixture.Files.UploadAsync(scenario.Founder.AccessToken, scenario.Id, new MemoryStream(TestImages.Pdf()), "plan.pdf"));
        Assert.Equal("read_only", error.Code);
    }

    [Fact]
    public async Task Members_of_another_twinspace_cannot_download_with_their_token_or_a_doctored_link()
    {
        await using var ours = await TwinSpaceScenario.CreateAsync(fixture.Server);
        await using var theirs = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var secret = await fixture.Files.UploadAsync(ours.Founder.AccessToken, ours.Id, new MemoryStream("Class list\n"u8.ToArray()), "class.txt");
        var other = await fixture.Files.UploadAsync(theirs.Founder.AccessToken, theirs.Id, new MemoryStream("Their notes\n"u8.ToArray()), "notes.txt");
        var outsider = theirs.Founder.AccessToken;

        var direct = await Assert.ThrowsAsync<CollabHubException>(() => fixture.Files.DownloadAsync(outsider, ours.Id, secret.Id));
        Assert.Equal("forbidden", direct.Code);
        // Their own TwinSpace id with our material id: materials are looked up in the TwinSpace's own file.
        var crossed = await Assert.ThrowsAsync<CollabHubException>(() => fixture.Files.DownloadAsync(outsider, theirs.Id, secret.Id));
        Assert.Equal("not_found", crossed.Code);
        var listing = await Assert.ThrowsAsync<CollabHubException>(() => theirs.FounderHub.ListMaterialsAsync(ours.Id));
        Assert.Equal("forbidden", listing.Code);

        // A valid signature for their material does not open ours, and a changed signature opens nothing.
        var swapped = other.Urls!.Original.Replace(theirs.Id, ours.Id, StringComparison.Ordinal).Replace(other.Id, secret.Id, StringComparison.Ordinal);
        Assert.Equal("forbidden", (await Assert.ThrowsAsync<CollabHubException>(() => fixture.Files.DownloadSignedAsync(swapped))).Code);
        var tampered = secret.Urls!.Original[..^3] + (secret.Urls.Original.EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA");
        Assert.Equal("forbidden", (await Assert.ThrowsAsync<CollabHubException>(() => fixture.Files.DownloadSignedAsync(tampered))).Code);
        var unsigned = secret.Urls.Original[..secret.Urls.Original.IndexOf('?', StringComparison.Ordinal)];
        Assert.Equal("forbidden", (await Assert.ThrowsAsync<CollabHubException>(() => fixture.Files.DownloadSignedAsync(unsigned))).Code);

        using var anonymous = await fixture.Server.Http.GetAsync($"/api/twinspaces/{ours.Id}/materials/{secret.Id}/original");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private async Task AssertNothingStoredAsync(TwinSpaceScenario scenario, int blobsBefore)
    {
        var snapshot = await scenario.FounderHub.ListMaterialsAsync(scenario.Id);
        Assert.Empty(snapshot.Materials);
        Assert.Equal(0, snapshot.UsedBytes);
        Assert.Equal(blobsBefore, fixture.BlobFiles().Count);
        Assert.Empty(Directory.EnumerateFiles(fixture.TempDirectory));
        Assert.Empty(Directory.EnumerateFiles(fixture.IncomingDirectory, scenario.Id + ".*"));
    }

    private static byte[] LargePdf() => Pdf((int)MaterialsFixture.MaxFileBytes * 3, 0);

    private static byte[] Pdf(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        var header = TestImages.Pdf();
        header.CopyTo(bytes, 0);
        // No zip end record by chance in the random tail (it would be refused as a polyglot).
        for (var i = header.Length; i < bytes.Length; i++) if (bytes[i] == (byte)'P') bytes[i] = (byte)'p';
        return bytes;
    }

    /// <summary>A PDF-looking stream of any length, made on the fly, without a known length (so it is sent chunked).</summary>
    private sealed class GeneratedPdfStream(long length) : Stream
    {
        private readonly byte[] _header = TestImages.Pdf();
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => Interlocked.Read(ref _position); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                var at = _position + i;
                buffer[offset + i] = at < _header.Length ? _header[at] : (byte)'x';
            }
            Interlocked.Add(ref _position, n);
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
