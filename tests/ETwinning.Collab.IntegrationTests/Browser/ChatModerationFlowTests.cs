using System.Globalization;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// The teachers' chat moderation in real Chromium, against a pupil on a phone-sized screen: a word on the
/// TwinSpace's word list refuses the pupil's message; a mute stops the pupil's messages until the teacher lifts
/// it; the history of an edited message shows the teacher the earlier text and, once hidden, why.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatModerationFlowTests(BrowserFixture browser) : IAsyncLifetime
{
    private CollabServer _server = null!;
    private IBrowserContext? _teacherContext;
    private IBrowserContext? _pupilContext;

    public async Task InitializeAsync() => _server = await CollabServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_teacherContext is not null) await _teacherContext.DisposeAsync();
        if (_pupilContext is not null) await _pupilContext.DisposeAsync();
        await _server.DisposeAsync();
        browser.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_blocked_word_refuses_a_message_and_a_muted_pupil_cannot_write_until_unmuted()
    {
        var (teacher, pupil) = await OpenClassAsync();

        await teacher.GetByTestId("chat-input").FillAsync("Welcome to our garden chat!");
        await teacher.GetByTestId("chat-send").ClickAsync();
        var welcome = teacher.GetByTestId("chat-message").Filter(new() { HasText = "Welcome to our garden chat!" });
        await Expect(welcome.GetByTestId("chat-history")).ToBeVisibleAsync();
        await Expect(welcome.GetByTestId("chat-mute")).ToHaveCountAsync(0);

        // The teacher adds two words, changes their mind about one, and saves.
        await teacher.GetByTestId("chat-word-list").Locator("summary").ClickAsync();
        await Expect(teacher.GetByTestId("chat-word-list")).ToContainTextAsync("No words yet.");
        await AddWordAsync(teacher, "stupid*", "block");
        await AddWordAsync(teacher, "weeds", "mask");
        await Expect(teacher.GetByTestId("chat-word-status")).ToHaveTextAsync("Not saved yet.");
        await teacher.GetByTestId("chat-word-rule").Filter(new() { HasText = "weeds" }).GetByTestId("chat-word-remove").ClickAsync();
        await teacher.GetByTestId("chat-word-save").ClickAsync();
        await Expect(teacher.GetByTestId("chat-word-status")).ToContainTextAsync("Saved: 1 word.");
        await Expect(teacher.GetByTestId("chat-word-rule")).ToHaveCountAsync(1);
        await Expect(teacher.GetByTestId("chat-word-rule").GetByTestId("chat-word-text")).ToHaveTextAsync("stupid*");
        await Expect(teacher.GetByTestId("chat-word-rule").GetByTestId("chat-word-action")).ToHaveValueAsync("block");
        await browser.ScreenshotAsync(teacher, "chat-moderation-1-word-list");

        await SendAsync(pupil, "Can we plant sunflowers?");
        var sunflowers = teacher.GetByTestId("chat-message").Filter(new() { HasText = "Can we plant sunflowers?" });
        await Expect(sunflowers).ToBeVisibleAsync();

        await SendAsync(pupil, "That is a STUPIDLY slow plant");
        await Expect(pupil.GetByTestId("chat-error")).ToContainTextAsync("words that are not allowed");
        await Expect(pupil.GetByTestId("chat-input")).ToHaveValueAsync("That is a STUPIDLY slow plant");
        await browser.ScreenshotAsync(pupil, "chat-moderation-2-pupil-blocked");

        // Muting goes through a small form under the messages; the muted pupil's rows show it.
        await sunflowers.GetByTestId("chat-mute").ClickAsync();
        await Expect(teacher.GetByTestId("chat-mute-form")).ToContainTextAsync("Mute Fox in General");
        await teacher.GetByTestId("chat-mute-minutes").FillAsync("15");
        await teacher.GetByTestId("chat-mute-reason").FillAsync("Please cool down for a while");
        await teacher.GetByTestId("chat-mute-submit").ClickAsync();
        var muteEntry = teacher.GetByTestId("chat-mute-entry");
        await Expect(muteEntry).ToHaveCountAsync(1);
        await Expect(muteEntry).ToContainTextAsync("Fox in General");
        await Expect(muteEntry).ToContainTextAsync("Please cool down for a while");
        await Expect(teacher.GetByTestId("chat-mute-form")).ToHaveCountAsync(0);
        await Expect(sunflowers.GetByTestId("chat-muted")).ToHaveTextAsync("Muted");
        await browser.ScreenshotAsync(teacher, "chat-moderation-3-teacher-muted");

        await SendAsync(pupil, "Why can nobody hear me?");
        await Expect(pupil.GetByTestId("chat-error")).ToContainTextAsync("A teacher muted you in this channel");
        await Expect(pupil.GetByTestId("chat-input")).ToHaveValueAsync("Why can nobody hear me?");
        await browser.ScreenshotAsync(pupil, "chat-moderation-4-pupil-muted");

        // The list comes from the server: after a reload the teacher still sees who is muted.
        await teacher.ReloadAsync();
        await Expect(muteEntry).ToHaveCountAsync(1);
        await Expect(muteEntry).ToContainTextAsync("Fox in General");
        await Expect(sunflowers.GetByTestId("chat-muted")).ToHaveTextAsync("Muted");

        await muteEntry.GetByTestId("chat-unmute").ClickAsync();
        await Expect(muteEntry).ToHaveCountAsync(0);
        await Expect(sunflowers.GetByTestId("chat-muted")).ToHaveCountAsync(0);

        await SendAsync(pupil, "Sorry, I will be kind.");
        await Expect(pupil.GetByTestId("chat-error")).ToBeHiddenAsync();
        await Expect(pupil.GetByTestId("chat-input")).ToHaveValueAsync("");
        var sorry = teacher.GetByTestId("chat-message").Filter(new() { HasText = "Sorry, I will be kind." });
        await Expect(sorry).ToBeVisibleAsync();

        // Neither the blocked nor the muted message was stored: the next message follows the sunflowers directly.
        var sunflowersSequence = long.Parse(await sunflowers.GetAttributeAsync("data-sequence") ?? "0", CultureInfo.InvariantCulture);
        await Expect(sorry).ToHaveAttributeAsync("data-sequence", (sunflowersSequence + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(teacher.GetByTestId("chat-text").Filter(new() { HasText = "nobody hear me" })).ToHaveCountAsync(0);
        await Expect(teacher.GetByTestId("chat-text").Filter(new() { HasText = "slow plant" })).ToHaveCountAsync(0);
        await Expect(pupil.GetByTestId("chat-text").Filter(new() { HasText = "nobody hear me" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_teacher_sees_the_earlier_text_of_an_edited_message_and_why_it_was_hidden()
    {
        var (teacher, pupil) = await OpenClassAsync();
        pupil.Dialog += async (_, dialog) => await dialog.AcceptAsync("We planted 12 tomatoes");
        teacher.Dialog += async (_, dialog) => await dialog.AcceptAsync("Let's count them together first");

        await SendAsync(pupil, "We planted 10 tomatoes");
        var mine = pupil.GetByTestId("chat-message").Filter(new() { HasText = "We planted 10 tomatoes" });
        await mine.GetByTestId("chat-edit").ClickAsync();
        await Expect(pupil.GetByTestId("chat-message").Filter(new() { HasText = "We planted 12 tomatoes" })).ToContainTextAsync("(edited)");
        // Pupils have no moderation controls.
        await Expect(pupil.GetByTestId("chat-history")).ToHaveCountAsync(0);
        await Expect(pupil.GetByTestId("chat-mute")).ToHaveCountAsync(0);
        await Expect(pupil.GetByTestId("chat-word-list")).ToHaveCountAsync(0);

        var edited = teacher.GetByTestId("chat-message").Filter(new() { HasText = "We planted 12 tomatoes" });
        await Expect(edited).ToContainTextAsync("(edited)");
        await edited.GetByTestId("chat-history").ClickAsync();
        var details = teacher.GetByTestId("chat-details");
        await Expect(details.GetByTestId("chat-details-text")).ToHaveTextAsync("We planted 12 tomatoes");
        await Expect(details.GetByTestId("chat-details-edit")).ToHaveCountAsync(1);
        await Expect(details.GetByTestId("chat-details-edit")).ToContainTextAsync("We planted 10 tomatoes");
        await Expect(details.GetByTestId("chat-details-state")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(teacher, "chat-moderation-5-history");

        // Hiding the message while its history is open updates the history: the text stays readable for the teacher.
        await edited.GetByTestId("chat-hide").ClickAsync();
        await Expect(pupil.GetByTestId("chat-text").Filter(new() { HasText = "tomatoes" })).ToHaveCountAsync(0);
        await Expect(details.GetByTestId("chat-details-state")).ToHaveTextAsync("Hidden by Teacher (Austria): Let's count them together first");
        await Expect(details.GetByTestId("chat-details-text")).ToHaveTextAsync("We planted 12 tomatoes");
        await Expect(details.GetByTestId("chat-details-edit")).ToContainTextAsync("We planted 10 tomatoes");

        await details.GetByTestId("chat-details-close").ClickAsync();
        await Expect(teacher.GetByTestId("chat-details")).ToHaveCountAsync(0);
    }

    /// <summary>A TwinSpace with one pupil, Fox: the teacher and Fox each logged in to it in their own browser.</summary>
    private async Task<(IPage Teacher, IPage Pupil)> OpenClassAsync()
    {
        var email = await RegisterTeacherAsync(_server);
        await using var teacherHub = await _server.ConnectAsync(await _server.Api.LoginAsync(new(email, TeacherPassword)));
        var twinSpace = await teacherHub.CreateTwinSpaceAsync("Our school gardens", "Seeds, soil and weather.");
        var fox = (await teacherHub.CreatePupilsAsync(twinSpace.Id, "Fox")).Single();

        _pupilContext = await browser.NewContextAsync(_server.BaseUrl, BrowserFixture.PhoneWidth);
        var pupil = await _pupilContext.NewPageAsync();
        await pupil.GotoAsync("/");
        await SubmitPupilLoginAsync(pupil, twinSpace.Code, fox.Username, fox.Password);
        await OpenViewAsync(pupil, "chat");
        await Expect(pupil.GetByTestId("chat-channel")).ToHaveAttributeAsync("data-kind", "general");

        _teacherContext = await browser.NewContextAsync(_server.BaseUrl);
        var teacher = await _teacherContext.NewPageAsync();
        await teacher.GotoAsync($"/#/twinspaces/{twinSpace.Id}/chat");
        await LoginAsTeacherAsync(teacher, email);
        await Expect(teacher.GetByTestId("chat-channel").Filter(new() { HasText = "General" })).ToHaveClassAsync("selected");
        return (teacher, pupil);
    }

    private static async Task SendAsync(IPage page, string text)
    {
        await page.GetByTestId("chat-input").FillAsync(text);
        await page.GetByTestId("chat-send").ClickAsync();
    }

    private static async Task AddWordAsync(IPage teacher, string word, string action)
    {
        await teacher.GetByTestId("chat-word-input").FillAsync(word);
        await teacher.GetByTestId("chat-word-new-action").SelectOptionAsync(action);
        await teacher.GetByTestId("chat-word-add").ClickAsync();
        await Expect(teacher.GetByTestId("chat-word-rule").Filter(new() { HasText = word })).ToHaveCountAsync(1);
    }
}
