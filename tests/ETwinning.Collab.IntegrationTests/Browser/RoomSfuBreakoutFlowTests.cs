using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// Breakout groups in a session through a real Janus, in real Chromium with generated cameras: when the teacher splits
/// the session, the server itself ends every subscription across groups on the media server (Janus's admin API counts
/// them), so what a pupil still sees of another group does not depend on their browser dropping it; calling everyone
/// back brings all pictures back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoomSfuBreakoutFlowTests(BrowserFixture browser) : JanusFlowTests(browser)
{
    [Fact]
    public async Task Opening_breakout_groups_ends_the_subscriptions_across_groups_on_the_media_server()
    {
        await using var founder = await SignedInTeacher.RegisterAsync(Server);
        var twinSpace = await founder.Hub.CreateTwinSpaceAsync("Night sky", "Stars from three schools.");
        var pupils = await founder.Hub.CreatePupilsAsync(twinSpace.Id, "Fox", "Owl");
        await founder.Hub.CreateRoomAsync(twinSpace.Id, "Astronomy club", "Stars and planets", capacity: 10, memberIds: [.. pupils.Select(p => p.AccountId)]);

        var contexts = new List<IBrowserContext>();
        try
        {
            var pages = await StartSfuSessionAsync(contexts, founder, twinSpace, pupils);
            var teacher = pages[0];
            await ExpectEveryoneSeesTheOthersAsync(pages);
            // Each of the three receives the two others: six subscriptions.
            await ExpectSubscriptionsAsync(6);

            await Choice(teacher, pupils[0].AccountId).SelectOptionAsync("1");
            await Choice(teacher, pupils[1].AccountId).SelectOptionAsync("2");
            await teacher.GetByTestId("breakout-open-chosen").ClickAsync();
            await Expect(pages[1].GetByTestId("breakout-where")).ToHaveTextAsync("You are in Group 1");

            // Fox, Owl and the teacher (in the main session) are apart: none of the six may go on, whatever the browsers do.
            await ExpectSubscriptionsAsync(0);
            foreach (var page in pages) await Expect(page.GetByTestId("remote-video")).ToHaveCountAsync(0);

            await teacher.GetByTestId("breakout-close").ClickAsync();
            await ExpectEveryoneSeesTheOthersAsync(pages);
            await ExpectSubscriptionsAsync(6);
        }
        finally
        {
            foreach (var context in contexts) await context.DisposeAsync();
        }
    }

    private Task<bool> ExpectSubscriptionsAsync(int count) =>
        Eventually.ResultAsync(async () => { Assert.Equal(count, await Janus.SubscriptionCountAsync()); return true; });

    private static ILocator Choice(IPage teacher, string accountId) =>
        teacher.Locator($"[data-testid=breakout-choice][data-account-id='{accountId}']");
}
