using ETwinning.Collab.IntegrationTests.Infrastructure;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// A reader who switches languages while connected gets the server's refusals in the new language at once: the web
/// client tells the open hub connection (SetLanguage) instead of waiting for the next one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LanguageSwitchFlowTests(BrowserFixture browser) : IAsyncLifetime
{
    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await CollabServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        browser.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task After_switching_to_German_the_servers_refusal_is_German_on_the_same_connection()
    {
        var email = await RegisterTeacherAsync(_server, "Teacher (Austria)");
        await using var context = await browser.NewContextAsync(_server.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await LoginAsTeacherAsync(page, email);

        // A title of spaces passes the form's own check; the server refuses it.
        await page.GetByTestId("create-twinspace-title").FillAsync("   ");
        await page.GetByTestId("create-twinspace-submit").ClickAsync();
        await Expect(page.GetByTestId("create-twinspace-error")).ToHaveTextAsync("Title is required.");

        await page.GetByTestId("language-select").SelectOptionAsync("de");
        await Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("Verbunden");
        await page.GetByTestId("create-twinspace-title").FillAsync("   ");
        await page.GetByTestId("create-twinspace-submit").ClickAsync();
        await Expect(page.GetByTestId("create-twinspace-error")).ToHaveTextAsync("Titel fehlt.");
    }
}
