using System.Globalization;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// A live quiz in real Chromium, two people: a teacher plans an event in the Live events view and a pupil registers for
/// it; the pupil waits in the lobby until the teacher starts, comes in, answers a timed quiz question, and sees the right
/// answer and the leaderboard when the teacher reveals it, asks a question and raises a hand; the teacher marks the
/// question answered, ends the event and downloads the results.
/// Run with the pupil's browser in English and in German.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveQuizFlowTests(BrowserFixture browser) : CollabFlowTests(browser)
{
    private const string EventZone = "Europe/Lisbon";
    private const int StartsInMinutes = 5;
    // Long enough that a slow machine never runs out of time before the pupil answers; the host reveals before it ends.
    private const string QuizSeconds = "120";

    // Reminders looked for every second: the event starts within the reminder window, so the pupil is reminded.
    protected override Task<CollabServer> StartServerAsync() =>
        CollabServer.StartAsync(new Dictionary<string, string?> { ["LiveEvents:ReminderCheckSeconds"] = "1" });

    public static TheoryData<string, string, string, string, string> PupilLanguages => new()
    {
        { "en-GB", "You are in the waiting room. The event starts when a host opens it.", "You are in. The event is live.", "Well done, that is right!", "Austria" },
        { "de-DE", "Du bist im Warteraum. Das Event beginnt, wenn eine Gastgeberin oder ein Gastgeber es startet.", "Du bist drin. Das Event läuft.", "Super, das ist richtig!", "Österreich" },
    };

    [Theory]
    [MemberData(nameof(PupilLanguages))]
    public async Task A_pupil_waits_in_the_lobby_joins_answers_a_quiz_question_and_sees_the_result_and_the_leaderboard(
        string pupilLocale, string lobbyText, string liveText, string rightText, string country)
    {
        await using var signedIn = await SignedInTeacher.RegisterAsync(Server);
        var (email, founder) = (signedIn.Email, signedIn.Hub);
        var twinSpace = await founder.CreateTwinSpaceAsync("Rivers of Europe", "Two schools, one quiz.");
        var fox = (await founder.CreatePupilsAsync(twinSpace.Id, "Fox")).Single();

        // The teacher plans the event in the form, in the event's own time zone.
        await using var teacherContext = await Browser.NewContextAsync(Server.BaseUrl);
        var teacher = await teacherContext.NewPageAsync();
        await teacher.GotoAsync($"/#/twinspaces/{twinSpace.Id}/events");
        await LoginAsTeacherAsync(teacher, email);
        await Expect(teacher.GetByTestId("live-events-panel")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(teacher, "live events (teacher)");
        await teacher.GetByTestId("live-event-title").FillAsync("River quiz");
        await teacher.GetByTestId("live-event-description").FillAsync("Which river is the longest?");
        await teacher.GetByTestId("live-event-timezone").SelectOptionAsync(EventZone);
        await teacher.GetByTestId("live-event-starts-at").FillAsync(LisbonWallClock(DateTime.UtcNow.AddMinutes(StartsInMinutes)));
        await teacher.GetByTestId("live-event-capacity").FillAsync("30");
        await teacher.GetByTestId("live-event-create").ClickAsync();
        await Expect(teacher.GetByTestId("live-event-heading")).ToHaveTextAsync("River quiz");
        var planned = (await founder.ListLiveEventsAsync(twinSpace.Id)).Single();
        Assert.Equal((EventZone, 30, LiveEventState.Scheduled), (planned.TimeZone, planned.Capacity, planned.State));
        Assert.InRange(planned.StartsAt, DateTime.UtcNow.AddMinutes(StartsInMinutes - 2), DateTime.UtcNow.AddMinutes(StartsInMinutes + 1));

        // The pupil registers, goes in and waits in the lobby.
        await using var pupilContext = await Browser.NewContextAsync(Server.BaseUrl, BrowserFixture.PhoneWidth, pupilLocale);
        var pupil = await pupilContext.NewPageAsync();
        await pupil.GotoAsync("/");
        await SubmitPupilLoginAsync(pupil, twinSpace.Code, fox.Username, fox.Password);
        await OpenViewAsync(pupil, "events");
        await pupil.GetByTestId("live-event-register").ClickAsync();
        await Expect(pupil.GetByTestId("live-event-my-status")).ToBeVisibleAsync();
        // With a seat, the pupil is reminded that it starts soon, on whatever view is open.
        await Expect(pupil.GetByTestId("live-reminder")).ToContainTextAsync("River quiz");
        await Browser.AssertAccessibleAsync(pupil, $"live events ({pupilLocale}, pupil)");
        await pupil.GetByTestId("live-event-open").ClickAsync();
        await pupil.GetByTestId("live-event-enter").ClickAsync();
        await Expect(pupil.GetByTestId("live-event-status")).ToHaveTextAsync(lobbyText);
        await Expect(pupil.GetByTestId("live-polls")).ToBeHiddenAsync();

        // The teacher comes in early and starts: the pupil is let in without doing anything.
        await teacher.GetByTestId("live-event-enter").ClickAsync();
        await teacher.GetByTestId("live-event-start").ClickAsync();
        await Expect(pupil.GetByTestId("live-event-status")).ToHaveTextAsync(liveText);

        // A timed quiz question; the pupil answers once.
        await teacher.GetByTestId("live-poll-question").FillAsync("Which is the longest river of Europe?");
        await teacher.GetByTestId("live-poll-option-input").Nth(0).FillAsync("Volga");
        await teacher.GetByTestId("live-poll-option-input").Nth(1).FillAsync("Danube");
        await teacher.GetByTestId("live-poll-correct").SelectOptionAsync("0");
        await teacher.GetByTestId("live-poll-seconds").FillAsync(QuizSeconds);
        await Browser.AssertAccessibleAsync(teacher, "live event, host");
        await teacher.GetByTestId("live-poll-open").ClickAsync();
        var question = pupil.GetByTestId("live-poll");
        await Expect(question).ToContainTextAsync("Which is the longest river of Europe?");
        await Browser.AssertAccessibleAsync(pupil, $"live quiz question ({pupilLocale}, pupil)");
        await question.GetByTestId("live-poll-option").Filter(new() { HasText = "Volga" }).ClickAsync();
        await Expect(question.GetByTestId("live-poll-my-answer")).ToContainTextAsync("Volga");
        await Expect(question.GetByTestId("live-poll-option")).ToHaveCountAsync(0);

        // The teacher sees the answer arrive, then reveals: the pupil sees the result and the leaderboard.
        await Expect(teacher.GetByTestId("live-tally-option").Filter(new() { HasText = "Volga" })).ToContainTextAsync("1 vote");
        await teacher.GetByTestId("live-poll-reveal").ClickAsync();
        await Expect(question.GetByTestId("live-quiz-result")).ToHaveTextAsync(rightText);
        await Expect(question.GetByTestId("live-correct")).ToHaveCountAsync(1);
        var board = pupil.GetByTestId("live-leaderboard");
        await Expect(board.GetByTestId("live-score-attendees")).ToContainTextAsync("Fox");
        await Expect(board.GetByTestId("live-score-schools")).ToContainTextAsync("Teacher (Austria)");
        await Expect(board.GetByTestId("live-score-countries")).ToContainTextAsync(country);
        await Expect(teacher.GetByTestId("live-score-attendees")).ToContainTextAsync("Fox");
        await Browser.AssertAccessibleAsync(pupil, $"live quiz result ({pupilLocale}, pupil)");

        // A question and a raised hand reach the host; the host's "answered" reaches the pupil.
        await pupil.GetByTestId("live-question-text").FillAsync("Is the Danube really blue?");
        await pupil.GetByTestId("live-question-ask").ClickAsync();
        var asked = teacher.GetByTestId("live-question").Filter(new() { HasText = "Is the Danube really blue?" });
        await Expect(asked).ToContainTextAsync("Fox");
        await asked.GetByTestId("live-question-answered").ClickAsync();
        await Expect(pupil.GetByTestId("live-question")).ToHaveAttributeAsync("data-state", "answered");
        await pupil.GetByTestId("live-hand").ClickAsync();
        await Expect(teacher.GetByTestId("live-raised-hand")).ToContainTextAsync("Fox");
        await Expect(pupil.GetByTestId("live-my-hand")).ToBeVisibleAsync();

        // The event's chat: the pupil writes, the host reads it in the event's view.
        var pupilChat = pupil.GetByTestId("live-event-view").GetByTestId("chat-input");
        await pupilChat.FillAsync("Hello from Lisbon!");
        await pupil.GetByTestId("live-event-view").GetByTestId("chat-send").ClickAsync();
        await Expect(teacher.GetByTestId("live-event-view").GetByTestId("chat-text").Filter(new() { HasText = "Hello from Lisbon!" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(pupil, $"live-quiz-{pupilLocale}-pupil-result");

        // After the event the teacher downloads the results for certificates.
        await teacher.GetByTestId("live-event-end").ClickAsync();
        await Expect(pupil.GetByTestId("live-event-view").GetByTestId("live-event-state")).ToHaveAttributeAsync("class", new System.Text.RegularExpressions.Regex("live-state-ended"));
        var download = await teacher.RunAndWaitForDownloadAsync(() => teacher.GetByTestId("live-event-results").ClickAsync());
        Assert.Equal("results.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("Volga", csv, StringComparison.Ordinal);
        Assert.Contains("Which is the longest river of Europe?", csv, StringComparison.Ordinal);
    }

    /// <summary>The <c>datetime-local</c> value of <paramref name="utc"/> on a wall clock in <see cref="EventZone"/>.</summary>
    private static string LisbonWallClock(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById(EventZone)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
