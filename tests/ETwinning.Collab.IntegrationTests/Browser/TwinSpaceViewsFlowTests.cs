using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// The TwinSpace as a menu of views, in two languages: a teacher opens every view from the menu (each has its own
/// address), a pupil on a phone opens hers behind the menu button and never sees the teacher views, deep links
/// open the view they name, and axe-core finds no serious or critical violation on any of them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwinSpaceViewsFlowTests(BrowserFixture browser) : IAsyncLifetime
{
    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await CollabServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        browser.AssertNoConsoleErrors();
    }

    public static TheoryData<string, string[], string> Languages => new()
    {
        { "en-GB", ["Home", "Pages", "Materials", "Forum", "Chat", "Members", "Teacher bulletin", "Settings"], "Project journal" },
        { "de-DE", ["Start", "Seiten", "Materialien", "Forum", "Chat", "Mitglieder", "Lehrkräfte-Pinnwand", "Einstellungen"], "Projekttagebuch" },
    };

    private static readonly string[] Sections = ["home", "pages", "materials", "forum", "chat", "members", "bulletin", "settings"];
    private static readonly string[] ViewTestIds =
        ["home-view", "pages-overview", "materials-panel", "forum-panel", "chat-panel", "members-view", "bulletin-feed", "settings-view"];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Every_view_opens_from_the_menu_with_its_own_address_and_passes_axe(string locale, string[] menu, string journalTitle)
    {
        var email = await RegisterTeacherAsync(_server, "Teacher (Austria)");
        var tokens = await _server.Api.LoginAsync(new LoginRequest(email, TeacherPassword));
        await using var founder = await _server.ConnectAsync(tokens);
        var twinSpace = await founder.CreateTwinSpaceAsync("Water in our towns", "Where our water comes from.");
        var river = await founder.CreatePageAsync(twinSpace.Id, "Our rivers", "The rivers of both towns");
        await founder.SetPageStateAsync(twinSpace.Id, river.Id, true, PageVisibility.Members);
        await founder.CreatePageAsync(twinSpace.Id, "The Danube", null, river.Id);
        var fox = (await founder.CreatePupilsAsync(twinSpace.Id, "Fox")).Single();
        await founder.PostJournalEntryAsync(twinSpace.Id, "We started!", "Both classes said hello.");
        await founder.PostBulletinAsync(twinSpace.Id, "Meeting on Friday", "Shall we plan the next step?");
        var discussion = await founder.CreateForumDiscussionAsync(twinSpace.Id, "Bottled or tap?");
        await founder.CreateForumThreadAsync(twinSpace.Id, discussion.Id, "Which water do you drink?", "Tell us!");

        await using var teacherContext = await browser.NewContextAsync(_server.BaseUrl, locale: locale);
        var teacher = await teacherContext.NewPageAsync();
        await teacher.GotoAsync($"/#/twinspaces/{twinSpace.Id}");
        await LoginAsync(teacher, email);
        await Expect(teacher.GetByTestId("journal-feed")).ToContainTextAsync(journalTitle);
        await Expect(teacher.GetByTestId("journal-item-title")).ToHaveTextAsync("We started!");

        for (var i = 0; i < Sections.Length; i++)
        {
            var link = teacher.GetByTestId($"nav-{Sections[i]}");
            await Expect(link).ToHaveTextAsync(menu[i]);
            await link.ClickAsync();
            await Expect(link).ToHaveAttributeAsync("aria-current", "page");
            await Expect(teacher.GetByTestId(ViewTestIds[i])).ToBeVisibleAsync();
            Assert.EndsWith(Sections[i] == "home" ? twinSpace.Id : $"{twinSpace.Id}/{Sections[i]}", teacher.Url, StringComparison.Ordinal);
            await browser.AssertAccessibleAsync(teacher, $"{Sections[i]} ({locale}, teacher)");
        }
        await Expect(teacher.GetByTestId("bulletin-item-title")).ToHaveTextAsync("Meeting on Friday");

        // The page tree is the menu: sub-pages are nested under their page, and a page has its own address.
        var danube = teacher.GetByTestId("page-link").Filter(new() { HasText = "The Danube" });
        await Expect(teacher.Locator("[data-testid=page-tree] .page-menu [data-testid=page-link]")).ToContainTextAsync("The Danube");
        await danube.ClickAsync();
        await Expect(teacher.GetByTestId("page-title")).ToHaveTextAsync("The Danube");
        await Expect(teacher.GetByTestId("editor-toolbar")).ToBeVisibleAsync();
        await browser.AssertAccessibleAsync(teacher, $"page ({locale}, teacher)");
        await teacher.GetByTestId("page-versions-link").ClickAsync();
        await Expect(teacher.GetByTestId("page-versions")).ToBeVisibleAsync();
        Assert.EndsWith("/versions", teacher.Url, StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(teacher, $"versions ({locale}, teacher)");

        // A deep link opens its view directly, after a reload too.
        await teacher.GotoAsync($"/#/twinspaces/{twinSpace.Id}/forum");
        await teacher.ReloadAsync();
        await Expect(teacher.GetByTestId("forum-panel")).ToBeVisibleAsync();
        await Expect(teacher.GetByTestId("discussion-open")).ToHaveTextAsync("Bottled or tap?");

        // The pupil, on a phone: the menu folds behind one button; teacher views are neither offered nor reachable.
        await using var pupilContext = await browser.NewContextAsync(_server.BaseUrl, BrowserFixture.PhoneWidth, locale);
        var pupil = await pupilContext.NewPageAsync();
        await pupil.GotoAsync("/");
        await SubmitPupilLoginAsync(pupil, twinSpace.Code, fox.Username, fox.Password);
        await Expect(pupil.GetByTestId("home-view")).ToBeVisibleAsync();
        await Expect(pupil.GetByTestId("twinspace-nav")).ToBeHiddenAsync();
        await browser.AssertAccessibleAsync(pupil, $"home ({locale}, pupil, phone)");
        foreach (var section in new[] { "pages", "materials", "forum", "chat", "members" })
        {
            await OpenViewAsync(pupil, section);
            await Expect(pupil.GetByTestId(ViewTestIds[Array.IndexOf(Sections, section)])).ToBeVisibleAsync();
            await Expect(pupil.GetByTestId("twinspace-nav")).ToBeHiddenAsync();
            await browser.AssertAccessibleAsync(pupil, $"{section} ({locale}, pupil, phone)");
        }
        await OpenMenuAsync(pupil);
        await Expect(pupil.GetByTestId("nav-bulletin")).ToHaveCountAsync(0);
        await Expect(pupil.GetByTestId("nav-settings")).ToHaveCountAsync(0);
        await pupil.GotoAsync($"/#/twinspaces/{twinSpace.Id}/bulletin");
        await Expect(pupil.GetByTestId("home-view")).ToBeVisibleAsync();
        await Expect(pupil.GetByTestId("bulletin-feed")).ToHaveCountAsync(0);
        await OpenPageFromMenuAsync(pupil, "Our rivers");
        await Expect(pupil.GetByTestId("page-title")).ToHaveTextAsync("Our rivers");
        await browser.AssertAccessibleAsync(pupil, $"page ({locale}, pupil, phone)");
    }

    [Fact]
    public async Task The_language_follows_the_browser_and_the_switcher_and_large_text_are_remembered()
    {
        var email = await RegisterTeacherAsync(_server, "Teacher (Austria)");
        await using var founder = await _server.ConnectAsync(await _server.Api.LoginAsync(new LoginRequest(email, TeacherPassword)));
        var twinSpace = await founder.CreateTwinSpaceAsync("Water in our towns");

        await using var context = await browser.NewContextAsync(_server.BaseUrl, locale: "pt-PT");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.GetByTestId("teacher-login-submit")).ToHaveTextAsync("Entrar");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "pt");
        await browser.AssertAccessibleAsync(page, "login (pt)");

        await page.GetByTestId("language-select").SelectOptionAsync("pl");
        await Expect(page.GetByTestId("teacher-login-submit")).ToHaveTextAsync("Zaloguj się");
        await page.GetByTestId("large-text-toggle").ClickAsync();
        await Expect(page.Locator("html")).ToHaveClassAsync("large-text");
        await page.ReloadAsync();
        await Expect(page.GetByTestId("teacher-login-submit")).ToHaveTextAsync("Zaloguj się");
        await Expect(page.Locator("html")).ToHaveClassAsync("large-text");
        await Expect(page.GetByTestId("large-text-toggle")).ToHaveAttributeAsync("aria-pressed", "true");

        // The server's refusals come in the same language as the page.
        await page.GetByTestId("teacher-email").FillAsync(email);
        await page.GetByTestId("teacher-password").FillAsync("not-the-password");
        await page.GetByTestId("teacher-login-submit").ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("hasło");

        await page.GetByTestId("teacher-password").FillAsync(TeacherPassword);
        await page.GetByTestId("teacher-login-submit").ClickAsync();
        await Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("Połączono");
        await page.GotoAsync($"/#/twinspaces/{twinSpace.Id}/members");
        await Expect(page.GetByTestId("nav-members")).ToHaveTextAsync("Członkowie");
        await browser.AssertAccessibleAsync(page, "members (pl, large text)");
    }

    // LoginAsTeacherAsync waits for the English "Connected"; the state attribute is the same in every language.
    private static async Task LoginAsync(IPage page, string email)
    {
        await page.GetByTestId("teacher-email").FillAsync(email);
        await page.GetByTestId("teacher-password").FillAsync(TeacherPassword);
        await page.GetByTestId("teacher-login-submit").ClickAsync();
        await Expect(page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "connected");
    }
}
