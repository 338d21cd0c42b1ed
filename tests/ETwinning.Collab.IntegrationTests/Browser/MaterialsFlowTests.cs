using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Blobs;
using ETwinning.Collab.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// A teacher uploads a phone photo with GPS coordinates in real Chromium, sees the upload progress and then its
/// thumbnail; the file the server stored has no location (nor any other) metadata left.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MaterialsFlowTests(BrowserFixture browser) : CollabFlowTests(browser)
{
    [Fact]
    public async Task Teacher_uploads_a_photo_with_gps_and_sees_its_thumbnail_while_the_stored_file_has_no_location()
    {
        await using var teacher = await SignedInTeacher.RegisterAsync(Server);
        var twinSpace = await teacher.Hub.CreateTwinSpaceAsync("Rivers of Europe", "Water samples from two schools.");
        var photo = TestImages.JpegWithGps(1200, 900);
        Assert.Contains(TestImages.MetadataFields(photo), f => f.Contains("GPS", StringComparison.Ordinal));

        await using var context = await Browser.NewContextAsync(Server.BaseUrl);
        var page = await context.NewPageAsync();
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);
        await page.GotoAsync($"/#/twinspaces/{twinSpace.Id}/materials");
        await LoginAsTeacherAsync(page, teacher.Email);
        await Expect(page.GetByTestId("materials-panel")).ToBeVisibleAsync();
        // The generated avatar (no photo needed) loads through its signed URL.
        var avatar = page.GetByTestId("my-avatar-image");
        await Expect(avatar).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await avatar.EvaluateAsync<int>("img => img.naturalWidth") > 0);

        await page.GetByTestId("material-file-input").SetInputFilesAsync(new FilePayload
        {
            Name = "IMG_20250512_river.jpg",
            MimeType = "image/jpeg",
            Buffer = photo,
        });
        await page.GetByTestId("material-upload").ClickAsync();

        var thumbnail = page.GetByTestId("material-thumbnail");
        await Expect(thumbnail).ToBeVisibleAsync();
        await Expect(page.GetByTestId("material-title")).ToHaveTextAsync("IMG_20250512_river");
        // Loaded, not just present: the signed URL works in an <img> without a token.
        await Expect(thumbnail).ToHaveJSPropertyAsync("complete", true);
        Assert.Equal(320, await thumbnail.EvaluateAsync<int>("img => img.naturalWidth"));
        await Browser.ScreenshotAsync(page, "materials-1-thumbnail");

        await thumbnail.ClickAsync();
        await Expect(page.GetByTestId("material-preview-image")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "materials-2-preview");

        Assert.Empty(pageErrors);
        var stored = Assert.Single((await teacher.Hub.ListMaterialsAsync(twinSpace.Id)).Materials);
        var bytes = await File.ReadAllBytesAsync((await Server.Services.GetRequiredService<IBlobStore>().PathOfAsync(stored.Sha256!))!);
        Assert.Empty(TestImages.MetadataFields(bytes));
        Assert.False(TestImages.ContainsPlantedMetadata(bytes));
    }
}
