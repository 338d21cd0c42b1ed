using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// The Teacher bulletin and the Project journal in the browser: a teacher pins a note the partner teacher sees
/// live and the pupils never; a pupil administrator writes a journal entry that everyone sees on the home view.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UpdatesFlowTests(BrowserFixture browser) : IAsyncLifetime
{
    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await CollabServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        browser.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Teachers_share_bulletin_notes_and_a_pupil_administrator_writes_the_journal()
    {
        var email = await RegisterTeacherAsync(_server, "Teacher (Austria)");
        await using var founder = await _server.ConnectAsync(await _server.Api.LoginAsync(new LoginRequest(email, TeacherPassword)));
        var twinSpace = await founder.CreateTwinSpaceAsync("Water in our towns");
        var partner = await _server.NewTeacherAsync("PT");
        await using var partnerHub = await _server.ConnectAsync(partner);
        await partnerHub.AcceptInvitationAsync((await founder.CreateInvitationAsync(twinSpace.Id, TwinSpaceRole.Teacher)).Token);
        var fox = (await founder.CreatePupilsAsync(twinSpace.Id, "Fox")).Single();
        await founder.SetPupilAdministratorAsync(twinSpace.Id, fox.AccountId, true);
        await partnerHub.JoinTwinSpaceAsync(twinSpace.Id);
        var partnerSaw = new TaskCompletionSource<UpdateChangedEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        partnerHub.BulletinPostChanged += change => partnerSaw.TrySetResult(change);

        await using var teacherContext = await browser.NewContextAsync(_server.BaseUrl);
        var teacher = await teacherContext.NewPageAsync();
        await teacher.GotoAsync($"/#/twinspaces/{twinSpace.Id}/bulletin");
        await LoginAsTeacherAsync(teacher, email);
        await Expect(teacher.GetByTestId("bulletin-empty")).ToHaveTextAsync("No notes yet.");
        await teacher.GetByTestId("bulletin-composer").Locator("summary").ClickAsync();
        await teacher.GetByTestId("bulletin-title-input").FillAsync("Meeting on Friday");
        await teacher.GetByTestId("bulletin-text-input").FillAsync("Shall we plan the river walk?\nI can do 10:00.");
        await teacher.GetByTestId("bulletin-submit").ClickAsync();
        await Expect(teacher.GetByTestId("bulletin-item-title")).ToHaveTextAsync("Meeting on Friday");
        var note = await partnerSaw.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("Meeting on Friday", note.Item.Title);

        await using var pupilContext = await browser.NewContextAsync(_server.BaseUrl, BrowserFixture.PhoneWidth, "fr-FR");
        var pupil = await pupilContext.NewPageAsync();
        await pupil.GotoAsync("/");
        await SubmitPupilLoginAsync(pupil, twinSpace.Code, fox.Username, fox.Password);
        await Expect(pupil.GetByTestId("journal-feed")).ToContainTextAsync("Journal du projet");
        await pupil.GetByTestId("journal-composer").Locator("summary").ClickAsync();
        await pupil.GetByTestId("journal-title-input").FillAsync("Notre rivière");
        await pupil.GetByTestId("journal-text-input").FillAsync("Nous avons mesuré l'eau.");
        await pupil.GetByTestId("journal-submit").ClickAsync();
        await Expect(pupil.GetByTestId("journal-item-title")).ToHaveTextAsync("Notre rivière");
        await browser.AssertAccessibleAsync(pupil, "home with journal (fr, pupil administrator, phone)");

        // The teacher sees the entry arrive on the home view, live.
        await OpenViewAsync(teacher, "home");
        await Expect(teacher.GetByTestId("journal-item-title")).ToHaveTextAsync("Notre rivière");
        await Expect(teacher.GetByTestId("journal-item-author")).ToHaveTextAsync("Fox");
        // Pupils never reach the bulletin, not even by its address.
        await OpenMenuAsync(pupil);
        await Expect(pupil.GetByTestId("nav-bulletin")).ToHaveCountAsync(0);
        Assert.Equal("forbidden", (await Assert.ThrowsAsync<ETwinning.Collab.Client.CollabHubException>(async () =>
        {
            await using var pupilHub = await _server.ConnectAsync(await _server.PupilLoginAsync(twinSpace, fox));
            await pupilHub.ListBulletinAsync(twinSpace.Id);
        })).Code);
    }
}
