using System.Text.RegularExpressions;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// A public live event in real Chromium, attended by a teacher of another school: a teacher of one TwinSpace plans an
/// event open to every teacher of the platform; a validated teacher of another TwinSpace finds it under Public events
/// (from the TwinSpace menu), registers, goes in as a guest and waits in the lobby, is let in when the host starts,
/// answers a quiz question, sees the result and the leaderboard, asks a question and raises a hand.
/// Run with the guest's browser in English and in French.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicLiveEventFlowTests(BrowserFixture browser) : CollabFlowTests(browser)
{
    private const int StartsInMinutes = 5;
    // Long enough that a slow machine never runs out of time before the guest answers; the host reveals before it ends.
    private const int QuizSeconds = 120;

    public static TheoryData<string, string, string, string, string> GuestLanguages => new()
    {
        { "en-GB", "Public events", "You are in the waiting room. The event starts when a host opens it.", "You are in. The event is live.", "Well done, that is right!" },
        { "fr-FR", "Événements publics", "Tu es dans la salle d’attente. L’événement commence quand un animateur le lance.", "Tu es dedans. L’événement est en direct.", "Bravo, c’est juste !" },
    };

    [Theory]
    [MemberData(nameof(GuestLanguages))]
    public async Task A_teacher_of_another_twinspace_finds_a_public_event_registers_joins_and_answers_a_quiz_question(
        string guestLocale, string heading, string lobbyText, string liveText, string rightText)
    {
        await using var hostTeacher = await SignedInTeacher.RegisterAsync(Server, "Host (Austria)", "AT");
        var host = hostTeacher.Hub;
        var rivers = await host.CreateTwinSpaceAsync("Rivers of Europe", "Two schools, one quiz.");
        var planned = await host.CreateLiveEventAsync(rivers.Id, new CreateLiveEventRequest(
            "Open river webinar", "For every teacher who teaches rivers.", DateTime.UtcNow.AddMinutes(StartsInMinutes), 60, "Europe/Vienna", 30,
            LiveEventAudience.PublicTeachers));
        await using var guestTeacher = await SignedInTeacher.RegisterAsync(Server, "Ms Virtanen", "FI");
        var lakes = await guestTeacher.Hub.CreateTwinSpaceAsync("Lakes of Finland", "Our own project.");

        // The guest finds Public events from the menu of their own TwinSpace.
        await using var guestContext = await Browser.NewContextAsync(Server.BaseUrl, locale: guestLocale);
        var guest = await guestContext.NewPageAsync();
        await guest.GotoAsync($"/#/twinspaces/{lakes.Id}");
        await LoginAsTeacherAsync(guest, guestTeacher.Email);
        await OpenMenuAsync(guest);
        await guest.GetByTestId("nav-public-events").ClickAsync();
        await Expect(guest.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        var row = guest.GetByTestId("public-event-row").Filter(new() { HasText = "Open river webinar" });
        await Expect(row.GetByTestId("public-event-twinspace")).ToContainTextAsync("Rivers of Europe");
        await Expect(row.GetByTestId("public-event-seats")).ToContainTextAsync("30");
        await Browser.AssertAccessibleAsync(guest, $"public events ({guestLocale})");

        // Registering takes a seat, which the list shows; the link opens the event as a guest.
        await row.GetByTestId("public-event-register").ClickAsync();
        await Expect(row.GetByTestId("public-event-my-status")).ToBeVisibleAsync();
        await Expect(row.GetByTestId("public-event-cancel")).ToBeVisibleAsync();
        await Expect(row.GetByTestId("public-event-seats")).ToContainTextAsync("29");
        await Browser.ScreenshotAsync(guest, $"public-events-{guestLocale}-registered");
        Assert.Contains(await host.ListLiveEventRegistrationsAsync(rivers.Id, planned.Id), r => r.DisplayName == "Ms Virtanen" && r.Status == LiveRegistrationStatus.Registered);
        await row.GetByTestId("public-event-open").ClickAsync();
        await Expect(guest.GetByTestId("live-event-heading")).ToHaveTextAsync("Open river webinar");
        await Expect(guest.GetByTestId("live-event-guest-note")).ToContainTextAsync("Rivers of Europe");
        await Expect(guest.GetByTestId("twinspace-nav")).ToHaveCountAsync(0);
        await guest.GetByTestId("live-event-enter").ClickAsync();
        await Expect(guest.GetByTestId("live-event-status")).ToHaveTextAsync(lobbyText);
        await Browser.AssertAccessibleAsync(guest, $"public event lobby ({guestLocale}, guest)");

        // The host starts: the guest is let in without doing anything.
        await host.JoinLiveEventAsync(rivers.Id, planned.Id);
        await host.StartLiveEventAsync(rivers.Id, planned.Id);
        await Expect(guest.GetByTestId("live-event-status")).ToHaveTextAsync(liveText);

        // A timed quiz question; the guest answers once, the host reveals: the guest sees the result and the leaderboard.
        var quiz = await host.OpenLivePollAsync(rivers.Id, planned.Id, new OpenLivePollRequest(
            LivePollKind.Quiz, "Which is the longest river of Europe?", ["Volga", "Danube"], CorrectOption: 0, TimeLimitSeconds: QuizSeconds));
        var question = guest.GetByTestId("live-poll");
        await Expect(question).ToContainTextAsync("Which is the longest river of Europe?");
        await Browser.AssertAccessibleAsync(guest, $"public event quiz ({guestLocale}, guest)");
        await question.GetByTestId("live-poll-option").Filter(new() { HasText = "Volga" }).ClickAsync();
        // The answer shows once the server stored it, so the host may reveal at once.
        await Expect(question.GetByTestId("live-poll-my-answer")).ToContainTextAsync("Volga");
        var board = await host.RevealLiveQuizAnswerAsync(rivers.Id, planned.Id, quiz.Id);
        Assert.Contains(board.Attendees, score => score.Name == "Ms Virtanen" && score.CorrectAnswers == 1);
        await Expect(question.GetByTestId("live-quiz-result")).ToHaveTextAsync(rightText);
        await Expect(guest.GetByTestId("live-leaderboard").GetByTestId("live-score-attendees")).ToContainTextAsync("Ms Virtanen");

        // Questions and hands reach the host, named.
        await guest.GetByTestId("live-question-text").FillAsync("How do you measure nitrates?");
        await guest.GetByTestId("live-question-ask").ClickAsync();
        await Expect(guest.GetByTestId("live-question")).ToContainTextAsync("How do you measure nitrates?");
        await guest.GetByTestId("live-hand").ClickAsync();
        await Expect(guest.GetByTestId("live-my-hand")).ToBeVisibleAsync();
        var inside = await host.JoinLiveEventAsync(rivers.Id, planned.Id);
        Assert.Contains(inside.Questions, q => q.Text == "How do you measure nitrates?" && q.AuthorName == "Ms Virtanen");
        Assert.Contains(inside.Hands, h => h.DisplayName == "Ms Virtanen");
        // The event's chat and calendar file are open to the guest too.
        var view = guest.GetByTestId("live-event-view");
        await view.GetByTestId("chat-input").FillAsync("Greetings from Turku");
        await view.GetByTestId("chat-send").ClickAsync();
        await Expect(view.GetByTestId("chat-text").Filter(new() { HasText = "Greetings from Turku" })).ToBeVisibleAsync();
        var chat = await host.GetChatHistoryAsync(rivers.Id, planned.ChatChannelId);
        Assert.Contains(chat.Messages, m => m.Text == "Greetings from Turku" && m.AuthorName == "Ms Virtanen");
        await Expect(guest.GetByTestId("live-event-calendar")).ToBeVisibleAsync();
        // Nothing the server refuses a guest shows as an error; the console stays clean (checked when the test ends).
        await Expect(guest.GetByTestId("live-event-error")).ToBeHiddenAsync();
        await Browser.AssertAccessibleAsync(guest, $"public event result ({guestLocale}, guest)");
        await Browser.ScreenshotAsync(guest, $"public-event-{guestLocale}-guest-result");
    }

    [Fact]
    public async Task A_pupil_who_opens_the_public_events_address_stays_in_their_own_twinspace()
    {
        await using var founder = await SignedInTeacher.RegisterAsync(Server);
        var teacher = founder.Hub;
        var rivers = await teacher.CreateTwinSpaceAsync("Rivers of Europe", "Two schools, one quiz.");
        await teacher.CreateLiveEventAsync(rivers.Id, new CreateLiveEventRequest(
            "Open river webinar", null, DateTime.UtcNow.AddMinutes(StartsInMinutes), 60, "Europe/Vienna", 30, LiveEventAudience.PublicTeachers));
        var fox = (await teacher.CreatePupilsAsync(rivers.Id, "Fox")).Single();

        await using var context = await Browser.NewContextAsync(Server.BaseUrl);
        var pupil = await context.NewPageAsync();
        await pupil.GotoAsync("/#/public-events");
        await SubmitPupilLoginAsync(pupil, rivers.Code, fox.Username, fox.Password);

        await Expect(pupil.GetByTestId("twinspace-title")).ToHaveTextAsync("Rivers of Europe");
        await Expect(pupil).ToHaveURLAsync(new Regex($"#/twinspaces/{rivers.Id}$"));
        await Expect(pupil.GetByTestId("public-events-panel")).ToHaveCountAsync(0);
        await Expect(pupil.GetByTestId("nav-public-events")).ToHaveCountAsync(0);
    }
}
