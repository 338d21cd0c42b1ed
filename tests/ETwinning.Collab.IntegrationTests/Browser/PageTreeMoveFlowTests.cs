using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// A teacher administrator moves pages between parents: drags a top-level page onto the lower half of another in the
/// menu (it becomes that page's sub-page), takes it out again with the keyboard ("Move out of its parent page") and
/// puts it back under the page above ("Make it a sub-page of the page above"). Every step is what the server stores.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageTreeMoveFlowTests(BrowserFixture browser) : CollabFlowTests(browser)
{
    [Fact]
    public async Task A_teacher_administrator_moves_a_page_under_another_by_dragging_and_by_keyboard()
    {
        await using var founder = await SignedInTeacher.RegisterAsync(Server);
        var twinSpace = await founder.Hub.CreateTwinSpaceAsync("Water in our towns");
        var rivers = await founder.Hub.CreatePageAsync(twinSpace.Id, "Our rivers");
        var danube = await founder.Hub.CreatePageAsync(twinSpace.Id, "The Danube");
        await founder.Hub.CreatePageAsync(twinSpace.Id, "Fish");

        await using var context = await Browser.NewContextAsync(Server.BaseUrl);
        var page = await OpenAsTeacherAsync(context, $"/#/twinspaces/{twinSpace.Id}/pages/{danube.Id}", founder.Email);
        await Expect(page.GetByTestId("page-title")).ToHaveTextAsync("The Danube");

        // Each link reads "<title>" and, for drafts, a badge: compare what they contain, and how many there are.
        var topLevel = page.Locator("[data-testid=page-tree] > li > [data-testid=page-link]");
        var underRivers = page.Locator($"[data-testid=page-tree] > li[data-page-id='{rivers.Id}'] > ul > li > [data-testid=page-link]");
        await Expect(topLevel).ToHaveCountAsync(3);
        await Expect(topLevel).ToContainTextAsync(["Our rivers", "The Danube", "Fish"]);

        // Dragged onto the lower half of "Our rivers": it becomes its sub-page.
        var target = topLevel.Nth(0);
        var box = await target.BoundingBoxAsync() ?? throw new InvalidOperationException("The menu link has no box.");
        await topLevel.Nth(1).DragToAsync(target, new() { TargetPosition = new() { X = 4, Y = box.Height - 2 } });
        await Expect(underRivers).ToHaveCountAsync(1);
        await Expect(underRivers).ToContainTextAsync(["The Danube"]);
        await Expect(topLevel).ToHaveCountAsync(2);
        await Expect(topLevel).ToContainTextAsync(["Our rivers", "Fish"]);
        Assert.Equal((rivers.Id, 0), await PlaceOfAsync(founder.Hub, twinSpace.Id, danube.Id));

        // The keyboard way: out of "Our rivers", right after it; then under the page above again.
        var outdent = page.GetByTestId("page-outdent");
        await outdent.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(topLevel).ToHaveCountAsync(3);
        await Expect(topLevel).ToContainTextAsync(["Our rivers", "The Danube", "Fish"]);
        await Expect(underRivers).ToHaveCountAsync(0);
        Assert.Equal((null, 1), await PlaceOfAsync(founder.Hub, twinSpace.Id, danube.Id));
        await Expect(outdent).ToBeDisabledAsync();

        var indent = page.GetByTestId("page-indent");
        await indent.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(underRivers).ToHaveCountAsync(1);
        await Expect(underRivers).ToContainTextAsync(["The Danube"]);
        Assert.Equal((rivers.Id, 0), await PlaceOfAsync(founder.Hub, twinSpace.Id, danube.Id));
        await Browser.AssertAccessibleAsync(page, "page with order tools");
    }

    private static async Task<(string? ParentId, int Position)> PlaceOfAsync(ETwinning.Collab.Client.TwinSpaceConnection hub, string twinSpaceId, string pageId)
    {
        var stored = await hub.GetPageAsync(twinSpaceId, pageId);
        return (stored.ParentId, stored.Position);
    }
}
