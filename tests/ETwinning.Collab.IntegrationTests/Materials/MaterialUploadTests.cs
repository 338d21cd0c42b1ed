using System.Net;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.TestSupport;

namespace ETwinning.Collab.IntegrationTests.Materials;

public sealed class MaterialUploadTests(MaterialsFixture fixture) : IClassFixture<MaterialsFixture>
{
    [Fact]
    public async Task A_photo_with_gps_is_processed_off_the_request_and_nothing_of_its_metadata_is_stored()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var (partner, partnerHub) = await scenario.AddTeacherAsync();
        var processing = new EventRecorder<MaterialView>();
        var ready = new EventRecorder<MaterialView>();
        partnerHub.MaterialProcessing += processing.Record;
        partnerHub.MaterialReady += ready.Record;
        await partnerHub.JoinTwinSpaceAsync(scenario.Id);
        var photo = TestImages.JpegWithGps(1600, 1200);
        Assert.True(TestImages.ContainsPlantedMetadata(photo));

        var uploaded = await fixture.Files.UploadAsync(scenario.Founder.AccessToken, scenario.Id, new MemoryStream(photo), "IMG_2041.JPG", title: "Our river");

        Assert.Equal(MaterialStatus.Processing, uploaded.Status);
        Assert.Equal(MaterialKind.Image, uploaded.Kind);
        Assert.Null(uploaded.Urls);
        await processing.WaitForAsync(m => m.Id == uploaded.Id);
        var done = await ready.WaitForAsync(m => m.Id == uploaded.Id);
        Assert.Equal(("IMG_2041.jpg", "Our river", 1600, 1200), (done.FileName, done.Title, done.Width!.Value, done.Height!.Value));
        Assert.NotNull(done.Urls!.Thumbnail);

        // What is stored, read straight from the blob files: no EXIF, no GPS, no XMP, no comment.
        var snapshot = await partnerHub.ListMaterialsAsync(scenario.Id);
        var listed = Assert.Single(snapshot.Materials);
        Assert.Equal(MaterialStatus.Ready, listed.Status);
        var stored = await File.ReadAllBytesAsync((await fixture.Blobs.PathOfAsync(listed.Sha256!))!);
        Assert.Empty(TestImages.MetadataFields(stored));
        Assert.False(TestImages.ContainsPlantedMetadata(stored));

        // And what members download: the original with the token, the thumbnail through its signed URL.
        using var original = await fixture.Files.DownloadAsync(partner.AccessToken, scenario.Id, listed.Id);
        Assert.Equal("image/jpeg", original.Content.Headers.ContentType!.MediaType);
        Assert.Equal(stored, await original.Content.ReadAsByteArrayAsync());
        using var thumbnail = await fixture.Files.DownloadSignedAsync(done.Urls.Thumbnail!);
        Assert.Equal("image/webp", thumbnail.Content.Headers.ContentType!.MediaType);
        var thumbnailBytes = await thumbnail.Content.ReadAsByteArrayAsync();
        Assert.Empty(TestImages.MetadataFields(thumbnailBytes));
        Assert.False(TestImages.ContainsPlantedMetadata(thumbnailBytes));

        Assert.Empty(Directory.EnumerateFiles(fixture.IncomingDirectory, scenario.Id + ".*"));
    }

    [Fact]
    public async Task Files_are_ready_at_once_and_downloads_carry_safety_and_cache_headers()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var token = scenario.Founder.AccessToken;
        var pdf = await fixture.Files.UploadAsync(token, scenario.Id, new MemoryStream(TestImages.Pdf()), "Plan.PDF");
        Assert.Equal((MaterialStatus.Ready, MaterialKind.File, "application/pdf", "Plan.pdf"), (pdf.Status, pdf.Kind, pdf.ContentType, pdf.FileName));

        using var response = await fixture.Files.DownloadAsync(token, scenario.Id, pdf.Id);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("Plan.pdf", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("sandbox", Assert.Single(response.Content.Headers.Contains("Content-Security-Policy")
            ? response.Content.Headers.GetValues("Content-Security-Policy") : response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal($"\"{pdf.Sha256}\"", response.Headers.ETag!.Tag);
        Assert.True(response.Headers.CacheControl!.Private);
        Assert.Equal(TestImages.Pdf(), await response.Content.ReadAsByteArrayAsync());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, pdf.Urls!.Original);
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag);
        using var notModified = await fixture.Server.Http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Videos_support_range_requests_for_seeking()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        const int MediaBytes = 50_000;
        var mdatHeader = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(mdatHeader, 8 + MediaBytes);
        "mdat"u8.CopyTo(mdatHeader.AsSpan(4));
        byte[] video = [0, 0, 0, 0x10, .. "ftypmp42"u8.ToArray(), 0, 0, 0, 0, .. mdatHeader, .. Enumerable.Range(0, MediaBytes).Select(i => (byte)(i * 7))];
        var uploaded = await fixture.Files.UploadAsync(scenario.Founder.AccessToken, scenario.Id, new MemoryStream(video), "clip.mp4");
        Assert.Equal((MaterialKind.Video, "video/mp4"), (uploaded.Kind, uploaded.ContentType));

        using var request = new HttpRequestMessage(HttpMethod.Get, uploaded.Urls!.Original);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(1_000, 1_999);
        using var response = await fixture.Server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.Equal(video[1_000..2_000], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(video.Length, response.Content.Headers.ContentRange!.Length);
    }

    [Fact]
    public async Task A_phone_video_is_stored_without_the_place_it_was_filmed()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var video = TestImages.Mp4WithLocation();

        var uploaded = await fixture.Files.UploadAsync(scenario.Founder.AccessToken, scenario.Id, new MemoryStream(video), "VID_0001.MOV");

        Assert.Equal(("video/mp4", "VID_0001.mp4", video.Length), (uploaded.ContentType, uploaded.FileName, (int)uploaded.SizeBytes));
        using var response = await fixture.Files.DownloadSignedAsync(uploaded.Urls!.Original);
        var stored = await response.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain(TestImages.VideoLocation, System.Text.Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        Assert.Equal(uploaded.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored)));
    }

    [Fact]
    public async Task Identical_uploads_are_stored_once_and_the_blob_is_deleted_with_its_last_reference()
    {
        await using var first = await TwinSpaceScenario.CreateAsync(fixture.Server);
        await using var second = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var content = System.Text.Encoding.UTF8.GetBytes($"Shared worksheet {Guid.NewGuid()}\n");

        var a = await fixture.Files.UploadAsync(first.Founder.AccessToken, first.Id, new MemoryStream(content), "sheet.txt");
        var b = await fixture.Files.UploadAsync(first.Founder.AccessToken, first.Id, new MemoryStream(content), "copy.txt");
        var c = await fixture.Files.UploadAsync(second.Founder.AccessToken, second.Id, new MemoryStream(content), "sheet.txt");

        Assert.Equal(a.Sha256, b.Sha256);
        Assert.Equal(a.Sha256, c.Sha256);
        Assert.Equal(3, await fixture.Blobs.ReferencesAsync(a.Sha256!));
        var path = (await fixture.Blobs.PathOfAsync(a.Sha256!))!;

        await first.FounderHub.DeleteMaterialAsync(first.Id, a.Id);
        await first.FounderHub.DeleteMaterialAsync(first.Id, b.Id);
        Assert.True(File.Exists(path));
        Assert.Equal(1, await fixture.Blobs.ReferencesAsync(a.Sha256!));

        await second.FounderHub.DeleteMaterialAsync(second.Id, c.Id);
        Assert.False(File.Exists(path));
        Assert.Equal(0, await fixture.Blobs.ReferencesAsync(a.Sha256!));
    }

    [Fact]
    public async Task Albums_take_pictures_folders_take_files_and_only_empty_ones_can_be_deleted()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var hub = scenario.FounderHub;
        var changes = new EventRecorder<MaterialCollectionView>();
        hub.MaterialCollectionChanged += changes.Record;
        await hub.JoinTwinSpaceAsync(scenario.Id);
        var album = await hub.CreateMaterialCollectionAsync(scenario.Id, MaterialCollectionKind.Album, "Our river");
        var folder = await hub.CreateMaterialCollectionAsync(scenario.Id, MaterialCollectionKind.Folder, "Worksheets");
        await changes.WaitForAsync(c => c.Id == folder.Id);

        var pdfInAlbum = await Assert.ThrowsAsync<Client.CollabHubException>(() =>
            fixture.Files.UploadAsync(scenario.Founder.AccessToken, scenario.Id, new MemoryStream(TestImages.Pdf()), "plan.pdf", album.Id));
        Assert.Equal("invalid", pdfInAlbum.Code);
        var pdf = await fixture.Files.UploadAsync(scenario.Founder.AccessToken, scenario.Id, new MemoryStream(TestImages.Pdf()), "plan.pdf", folder.Id);
        Assert.Equal(folder.Id, pdf.CollectionId);

        var notEmpty = await Assert.ThrowsAsync<Client.CollabHubException>(() => hub.DeleteMaterialCollectionAsync(scenario.Id, folder.Id));
        Assert.Equal("conflict", notEmpty.Code);
        var moved = await hub.UpdateMaterialAsync(scenario.Id, pdf.Id, new UpdateMaterialRequest("Plan for May", "Who does what", null));
        Assert.Null(moved.CollectionId);
        await hub.DeleteMaterialCollectionAsync(scenario.Id, folder.Id);
        var renamed = await hub.UpdateMaterialCollectionAsync(scenario.Id, album.Id, "Our river in spring");
        await changes.WaitForAsync(c => c.Id == album.Id && c.Title == renamed.Title);

        var snapshot = await hub.ListMaterialsAsync(scenario.Id);
        Assert.Equal(album.Id, Assert.Single(snapshot.Collections).Id);
        Assert.Equal(MaterialsFixture.QuotaBytes, snapshot.QuotaBytes);
        Assert.Equal(TestImages.Pdf().Length, snapshot.UsedBytes);
    }

    [Fact]
    public async Task Members_change_their_own_materials_and_managers_change_anyones()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var pupil = await scenario.AddPupilAsync("Otter");
        var (_, teacherHub) = await scenario.AddTeacherAsync(TwinSpaceRole.Teacher);
        var upload = await fixture.Files.UploadAsync(pupil.Tokens.AccessToken, scenario.Id, new MemoryStream("My poem\n"u8.ToArray()), "poem.txt");
        Assert.Equal("Otter", upload.UploaderName);

        var byTeacher = await Assert.ThrowsAsync<Client.CollabHubException>(() => teacherHub.DeleteMaterialAsync(scenario.Id, upload.Id));
        Assert.Equal("forbidden", byTeacher.Code);
        await pupil.Hub.UpdateMaterialAsync(scenario.Id, upload.Id, new UpdateMaterialRequest("My best poem", null, null));
        await scenario.FounderHub.DeleteMaterialAsync(scenario.Id, upload.Id);
        Assert.Empty((await pupil.Hub.ListMaterialsAsync(scenario.Id)).Materials);
        // Deleting a pupil's work is moderation: it is in the audit log, who and what.
        var entry = Assert.Single(await scenario.FounderHub.GetAuditLogAsync(scenario.Id), e => e.Action == "material.deleted");
        Assert.Equal((scenario.Founder.Account.Id, upload.Id), (entry.ActorId, entry.TargetId));
        Assert.Contains("Otter", entry.Detail, StringComparison.Ordinal);
    }
}
