using System.IO.Compression;
using System.Text.Json;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.TestSupport;
using NetVips;

namespace ETwinning.Collab.IntegrationTests.Materials;

public sealed class AvatarAndExportTests(MaterialsFixture fixture) : IClassFixture<MaterialsFixture>
{
    [Fact]
    public async Task Every_member_has_a_generated_avatar_the_same_each_time_and_different_from_others()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var pupil = await scenario.AddPupilAsync("Lynx");

        var pupilAvatar = await scenario.FounderHub.GetAvatarAsync(scenario.Id, pupil.Credentials.AccountId);
        var founderAvatar = await pupil.Hub.GetAvatarAsync(scenario.Id, scenario.Founder.Account.Id);
        Assert.False(pupilAvatar.Uploaded);

        var first = await SvgAsync(pupilAvatar.Url);
        var again = await SvgAsync((await scenario.FounderHub.GetAvatarAsync(scenario.Id, pupil.Credentials.AccountId)).Url);
        var other = await SvgAsync(founderAvatar.Url);
        Assert.StartsWith("<svg", first, StringComparison.Ordinal);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.DoesNotContain("Lynx", first, StringComparison.Ordinal);
        Assert.DoesNotContain("<text", first, StringComparison.Ordinal);

        var stranger = await Assert.ThrowsAsync<CollabHubException>(() => scenario.FounderHub.GetAvatarAsync(scenario.Id, "0123456789abcdef0123456789abcdef"));
        Assert.Equal("not_found", stranger.Code);
    }

    [Fact]
    public async Task An_uploaded_avatar_is_cropped_square_without_metadata_and_can_be_reset()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var pupil = await scenario.AddPupilAsync("Heron");

        var avatar = await fixture.Files.UploadAvatarAsync(pupil.Tokens.AccessToken, scenario.Id, new MemoryStream(TestImages.JpegWithGps(900, 500)));

        Assert.True(avatar.Uploaded);
        using var response = await fixture.Files.DownloadSignedAsync(avatar.Url);
        Assert.Equal("image/webp", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using (var image = Image.NewFromBuffer(bytes)) Assert.Equal((256, 256), (image.Width, image.Height));
        Assert.Empty(TestImages.MetadataFields(bytes));
        Assert.False(TestImages.ContainsPlantedMetadata(bytes));

        var notAPicture = await Assert.ThrowsAsync<CollabHubException>(() =>
            fixture.Files.UploadAvatarAsync(pupil.Tokens.AccessToken, scenario.Id, new MemoryStream(TestImages.Pdf())));
        Assert.Equal("invalid", notAPicture.Code);

        var stored = (await fixture.Blobs.PathOfAsync(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))))!;
        var reset = await pupil.Hub.InvokeAsync<AvatarView>("GetAvatar", scenario.Id, pupil.Credentials.AccountId);
        Assert.True(reset.Uploaded);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/twinspaces/{scenario.Id}/avatar");
        delete.Headers.Authorization = new("Bearer", pupil.Tokens.AccessToken);
        using var deleted = await fixture.Server.Http.SendAsync(delete);
        deleted.EnsureSuccessStatusCode();
        Assert.False((await pupil.Hub.GetAvatarAsync(scenario.Id, pupil.Credentials.AccountId)).Uploaded);
        Assert.False(File.Exists(stored));
    }

    [Fact]
    public async Task The_export_holds_every_material_as_stored_and_a_manifest_and_only_teacher_administrators_get_it()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var ready = new EventRecorder<MaterialView>();
        scenario.FounderHub.MaterialReady += ready.Record;
        await scenario.FounderHub.JoinTwinSpaceAsync(scenario.Id);
        var album = await scenario.FounderHub.CreateMaterialCollectionAsync(scenario.Id, MaterialCollectionKind.Album, "River trip");
        var photo = await fixture.Files.UploadAsync(scenario.Founder.AccessToken, scenario.Id, new MemoryStream(TestImages.JpegWithGps(300, 200)), "river.jpg", album.Id);
        await fixture.Files.UploadAsync(scenario.Founder.AccessToken, scenario.Id, new MemoryStream(TestImages.Pdf()), "plan.pdf");
        await ready.WaitForAsync(m => m.Id == photo.Id);
        var (partner, _) = await scenario.AddTeacherAsync(TwinSpaceRole.Teacher);

        using var response = await fixture.Files.ExportAsync(scenario.Founder.AccessToken, scenario.Id);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        var zipBytes = await response.Content.ReadAsByteArrayAsync();
        using var zip = new ZipArchive(new MemoryStream(zipBytes));

        var names = zip.Entries.Select(e => e.FullName).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(["manifest.json", "materials/River trip/river.jpg", "materials/unsorted/plan.pdf"], names);
        var exportedPhoto = Read(zip.GetEntry("materials/River trip/river.jpg")!);
        Assert.False(TestImages.ContainsPlantedMetadata(exportedPhoto));
        using var manifest = JsonDocument.Parse(Read(zip.GetEntry("manifest.json")!));
        Assert.Equal(scenario.TwinSpace.Title, manifest.RootElement.GetProperty("twinSpace").GetProperty("title").GetString());
        Assert.Equal(2, manifest.RootElement.GetProperty("sections").GetProperty("materials").GetProperty("files").GetArrayLength());

        var refused = await Assert.ThrowsAsync<CollabHubException>(() => fixture.Files.ExportAsync(partner.AccessToken, scenario.Id));
        Assert.Equal("forbidden", refused.Code);
    }

    private async Task<string> SvgAsync(string url)
    {
        using var response = await fixture.Files.DownloadSignedAsync(url);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
