using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// What a teacher administrator does with pages besides writing: adds a page and a sub-page, formats with the
/// toolbar (heading, italic, underline, numbered list, link, quote), publishes it and makes it public (anyone then
/// reads it at its public address without logging in), saves a version, previews it and restores it, and reorders
/// the menu by dragging and with the buttons.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageToolsFlowTests(BrowserFixture browser) : CollabFlowTests(browser)
{
    [Fact]
    public async Task A_teacher_administrator_builds_publishes_versions_and_orders_pages()
    {
        await using var founder = await SignedInTeacher.RegisterAsync(Server);
        var twinSpace = await founder.Hub.CreateTwinSpaceAsync("Water in our towns");
        await founder.Hub.CreatePageAsync(twinSpace.Id, "Welcome");

        await using var context = await Browser.NewContextAsync(Server.BaseUrl);
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync($"/#/twinspaces/{twinSpace.Id}/pages");
        await LoginAsTeacherAsync(page, founder.Email);

        await page.GetByTestId("new-page-title").FillAsync("Our rivers");
        await page.GetByTestId("create-page").ClickAsync();
        await Expect(page.GetByTestId("page-title")).ToHaveTextAsync("Our rivers");
        await Expect(page.GetByTestId("page-published-state")).ToHaveTextAsync("Draft");
        var editor = page.GetByTestId("page-editor").Locator(".ProseMirror");
        await Expect(page.GetByTestId("editor-status")).ToHaveTextAsync("Everyone on this page sees your changes as you type.");

        // The toolbar.
        await editor.ClickAsync();
        await page.Keyboard.TypeAsync("Rivers we know");
        await page.GetByTestId("tool-block").SelectOptionAsync("h2");
        await Expect(editor.Locator("h2")).ToHaveTextAsync("Rivers we know");
        await editor.PressAsync("End");
        await editor.PressAsync("Enter");
        await page.GetByTestId("tool-block").SelectOptionAsync("paragraph");
        await page.GetByTestId("tool-numbers").ClickAsync();
        await page.Keyboard.TypeAsync("Danube");
        await editor.PressAsync("Enter");
        await page.Keyboard.TypeAsync("Tagus");
        await Expect(editor.Locator("ol li")).ToHaveTextAsync(["Danube", "Tagus"]);
        await page.Keyboard.PressAsync("Shift+Home");
        await page.GetByTestId("tool-italic").ClickAsync();
        await Expect(page.GetByTestId("tool-italic")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GetByTestId("tool-underline").ClickAsync();
        await page.GetByTestId("tool-link").ClickAsync();
        await page.GetByTestId("tool-link-url").FillAsync("en.wikipedia.org/wiki/Tagus");
        await page.GetByTestId("tool-link-apply").ClickAsync();
        var tagus = editor.Locator("a[href='https://en.wikipedia.org/wiki/Tagus']");
        await Expect(tagus).ToHaveTextAsync("Tagus", new() { Timeout = 5_000 }).ContinueWith(async failed =>
        {
            if (failed.IsFaulted) Assert.Fail($"No link in: {await editor.InnerHTMLAsync()}");
        }).Unwrap();
        await Expect(tagus.Locator("em u")).ToHaveTextAsync("Tagus");
        await editor.PressAsync("End");
        await editor.PressAsync("Enter");
        await editor.PressAsync("Enter");
        await page.Keyboard.TypeAsync("Water is life.");
        await page.GetByTestId("tool-quote").ClickAsync();
        await Expect(editor.Locator("blockquote")).ToHaveTextAsync("Water is life.");

        // A sub-page, nested in the menu under its page.
        await page.GetByTestId("new-subpage-title").FillAsync("The Danube");
        await page.GetByTestId("create-subpage").ClickAsync();
        await Expect(page.GetByTestId("page-title")).ToHaveTextAsync("The Danube");
        await Expect(page.Locator("[data-testid=page-tree] li:has(> a:text('Our rivers')) > ul [data-testid=page-link]")).ToHaveTextAsync(["The Danube draft"]);

        // Publish and make public; anyone reads it at its public address.
        await OpenPageFromMenuAsync(page, "Our rivers");
        await page.GetByTestId("page-publish-toggle").ClickAsync();
        await Expect(page.GetByTestId("page-published-state")).ToHaveTextAsync("Published");
        await page.GetByTestId("page-visibility-toggle").ClickAsync();
        await Expect(page.GetByTestId("page-visibility")).ToHaveTextAsync("Public");
        var publicHref = await page.GetByTestId("public-page-link").GetAttributeAsync("href");
        await using (var visitorContext = await Browser.NewContextAsync(Server.BaseUrl, locale: "it-IT"))
        {
            var visitor = await visitorContext.NewPageAsync();
            await visitor.GotoAsync("/" + publicHref);
            await Expect(visitor.GetByTestId("public-page-title")).ToHaveTextAsync("Our rivers");
            await Expect(visitor.GetByTestId("public-page-body").Locator("h2")).ToHaveTextAsync("Rivers we know");
            await Expect(visitor.GetByTestId("public-page-body").Locator("blockquote")).ToHaveTextAsync("Water is life.");
            await Expect(visitor.GetByTestId("public-twinspace-title")).ToContainTextAsync("progetto eTwinning");
            await Browser.AssertAccessibleAsync(visitor, "public page (it)");
        }

        // Versions: save one, change the page, preview the version and restore it.
        await page.GetByTestId("page-versions-link").ClickAsync();
        await page.GetByTestId("version-name").FillAsync("Before the sea");
        await page.GetByTestId("version-save").ClickAsync();
        var saved = page.GetByTestId("version-row").Filter(new() { HasText = "Before the sea" });
        await Expect(saved).ToHaveCountAsync(1);
        await editor.ClickAsync();
        await editor.PressAsync("Control+End");
        await editor.PressAsync("Enter");
        await page.Keyboard.TypeAsync("The sea is salty.");
        await saved.GetByTestId("version-preview-button").ClickAsync();
        await Expect(page.GetByTestId("version-preview-body")).ToContainTextAsync("Water is life.");
        await Expect(page.GetByTestId("version-preview-body")).Not.ToContainTextAsync("salty");
        await saved.GetByTestId("version-restore").ClickAsync();
        await Expect(editor).Not.ToContainTextAsync("salty");
        await Expect(editor.Locator("blockquote")).ToHaveTextAsync("Water is life.");
        await Browser.AssertAccessibleAsync(page, "page with versions");

        // Order: "Our rivers" is dragged onto the upper half of "Welcome" (its place), then moved down again with the button.
        var links = page.Locator("[data-testid=page-tree] > li > [data-testid=page-link]");
        await Expect(links).ToContainTextAsync(["Welcome", "Our rivers"]);
        await links.Nth(1).DragToAsync(links.Nth(0), new() { TargetPosition = new() { X = 4, Y = 2 } });
        await Expect(links).ToContainTextAsync(["Our rivers", "Welcome"]);
        await page.GetByTestId("page-move-down").ClickAsync();
        await Expect(links).ToContainTextAsync(["Welcome", "Our rivers"]);
        var stored = await founder.Hub.ListPagesAsync(twinSpace.Id);
        Assert.Equal(["Welcome", "Our rivers", "The Danube"], stored.Select(p => p.Title));
    }
}
