using ETwinning.Collab.IntegrationTests.Infrastructure;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// A founder invites a partner teacher: the link made in the browser, opened by the partner while logged out,
/// leads through the login straight into the TwinSpace with the invited role; the founder sees the partner arrive.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InvitationFlowTests(BrowserFixture browser) : IAsyncLifetime
{
    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await CollabServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        browser.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Partner_teacher_opens_the_invitation_link_logs_in_and_lands_in_the_TwinSpace()
    {
        var founderEmail = await RegisterTeacherAsync(_server, "Teacher (Austria)", "AT");
        var partnerEmail = await RegisterTeacherAsync(_server, "Teacher (Portugal)", "PT");

        await using var founderContext = await browser.NewContextAsync(_server.BaseUrl);
        var founder = await founderContext.NewPageAsync();
        await founder.GotoAsync("/");
        await LoginAsTeacherAsync(founder, founderEmail);
        await founder.GetByTestId("create-twinspace-title").FillAsync("Stories across borders");
        await founder.GetByTestId("create-twinspace-submit").ClickAsync();
        await Expect(founder.GetByTestId("twinspace-title")).ToHaveTextAsync("Stories across borders");
        await OpenViewAsync(founder, "settings");

        await founder.GetByTestId("invite-role").SelectOptionAsync("expert");
        await founder.GetByTestId("create-invitation").ClickAsync();
        var link = await founder.GetByTestId("invitation-link").InputValueAsync();
        Assert.StartsWith(_server.BaseUrl + "?invite=", link, StringComparison.Ordinal);

        await using var partnerContext = await browser.NewContextAsync(_server.BaseUrl);
        var partner = await partnerContext.NewPageAsync();
        await partner.GotoAsync(link);
        await Expect(partner.GetByTestId("login-notice")).ToContainTextAsync("invitation");
        await LoginAsTeacherAsync(partner, partnerEmail);

        await Expect(partner.GetByTestId("twinspace-title")).ToHaveTextAsync("Stories across borders");
        await Expect(partner.GetByTestId("my-role")).ToHaveTextAsync("You are: Expert (guest)");
        // The token is used up and must not stay in the address bar (history, screenshots, shared links).
        Assert.DoesNotContain("invite=", partner.Url, StringComparison.Ordinal);
        // An expert may not create pupils or invite: those tools are not offered.
        await Expect(partner.GetByTestId("create-pupils-input")).ToHaveCountAsync(0);
        await Expect(partner.GetByTestId("create-invitation")).ToHaveCountAsync(0);

        var partnerForFounder = MemberRow(founder, "Teacher (Portugal)");
        await OpenViewAsync(founder, "members");
        await Expect(partnerForFounder.GetByTestId("member-role")).ToHaveTextAsync("Expert (guest)");
        await Expect(partnerForFounder).ToHaveAttributeAsync("data-online", "true");
        await browser.ScreenshotAsync(founder, "invitation-1-founder-sees-partner");
        await browser.ScreenshotAsync(partner, "invitation-2-partner-home");
    }
}
