using System.Net;
using System.Net.Http.Json;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Features.Pages;
using ETwinning.Collab.TestSupport;
using Microsoft.Playwright;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// A picture from Materials inside a live page, in real Chromium: the teacher uploads it from the editor's
/// "Insert image" control, describes it, sees it in the editor, and after publishing anyone can load it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageImageFlowTests(BrowserFixture browser) : IAsyncLifetime
{
    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await CollabServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        browser.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_teacher_uploads_a_picture_into_a_page_sees_it_in_the_editor_and_it_shows_on_the_public_page()
    {
        var email = await RegisterTeacherAsync(_server);
        var tokens = await _server.Api.LoginAsync(new LoginRequest(email, TeacherPassword));
        await using var setup = await _server.ConnectAsync(tokens);
        var twinSpace = await setup.CreateTwinSpaceAsync("Rivers of Europe");
        var showcase = await setup.CreatePageAsync(twinSpace.Id, "Our rivers", "");

        await using var context = await browser.NewContextAsync(_server.BaseUrl);
        var page = await context.NewPageAsync();
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);
        await page.GotoAsync($"/#/twinspaces/{twinSpace.Id}");
        await LoginAsTeacherAsync(page, email);
        await page.GetByTestId("page-link").Filter(new() { HasText = "Our rivers" }).ClickAsync();
        await Expect(page.GetByTestId("editor-status")).ToHaveTextAsync("Everyone on this page sees your changes as you type.");

        await page.GetByTestId("image-insert").ClickAsync();
        await page.GetByTestId("image-file").SetInputFilesAsync(new FilePayload
        {
            Name = "river.jpg",
            MimeType = "image/jpeg",
            Buffer = TestImages.PlainJpeg(800, 600),
        });
        // The upload becomes the chosen picture once the server has processed it.
        await Expect(page.GetByTestId("image-choice")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GetByTestId("image-alt").FillAsync("The river Mur in Graz");
        await page.GetByTestId("image-insert-confirm").ClickAsync();

        var shown = page.GetByTestId("page-editor").GetByTestId("page-image");
        await Expect(shown).ToHaveAttributeAsync("alt", "The river Mur in Graz");
        // Loaded through its signed URL, not just present: the members' route in the document needs a token.
        await Expect(shown).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await shown.EvaluateAsync<int>("img => img.naturalWidth") > 0);
        await browser.ScreenshotAsync(page, "page-image-1-editor");
        Assert.Empty(pageErrors);

        // The document stores the stable members' route; publishing makes the picture public under the public route.
        var material = Assert.Single((await setup.ListMaterialsAsync(twinSpace.Id)).Materials);
        var stored = await Pages.PageEditor.JoinAsync(setup, twinSpace.Id, showcase.Id);
        Assert.Contains($"/api/twinspaces/{twinSpace.Id}/materials/{material.Id}/", stored.Xml, StringComparison.Ordinal);
        await setup.SetPageStateAsync(twinSpace.Id, showcase.Id, true, PageVisibility.Public);
        using var anonymous = new HttpClient { BaseAddress = _server.BaseUrl };
        var publicPage = await anonymous.GetFromJsonAsync<PublicPageView>(new Uri($"/api/public/twinspaces/{twinSpace.Id}/pages/{showcase.Id}", UriKind.Relative));
        var publicImage = $"/api/public/{twinSpace.Id}/materials/{material.Id}/preview";
        Assert.Contains($"<img src=\"{publicImage}\" alt=\"The river Mur in Graz\">", publicPage!.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(publicImage, UriKind.Relative))).StatusCode);
    }
}
