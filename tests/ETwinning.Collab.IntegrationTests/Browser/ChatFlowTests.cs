using ETwinning.Collab.IntegrationTests.Infrastructure;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// Chat in real Chromium: a teacher and a pupil exchange messages; the pupil has no way to open a direct
/// message; the teacher hides a pupil's message with a reason and it disappears from the pupil's screen; a pupil
/// whose network was down meanwhile gets, on reconnect, the new messages and the changes to the ones shown.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatFlowTests(BrowserFixture browser) : CollabFlowTests(browser)
{
    [Fact]
    public async Task Teacher_and_pupil_chat_and_a_hidden_message_disappears_for_the_pupil()
    {
        await using var founder = await SignedInTeacher.RegisterAsync(Server);
        var twinSpace = await founder.Hub.CreateTwinSpaceAsync("Our school gardens", "Seeds, soil and weather.");
        var fox = (await founder.Hub.CreatePupilsAsync(twinSpace.Id, "Fox")).Single();
        var partner = await Server.NewTeacherAsync("PT");
        await using var partnerHub = await Server.ConnectAsync(partner);
        await partnerHub.AcceptInvitationAsync((await founder.Hub.CreateInvitationAsync(twinSpace.Id, ETwinning.Collab.Client.Protocol.TwinSpaceRole.Teacher)).Token);

        await using var pupilContext = await Browser.NewContextAsync(Server.BaseUrl, BrowserFixture.PhoneWidth);
        var pupil = await OpenAsPupilAsync(pupilContext, twinSpace.Code, fox.Username, fox.Password);
        await OpenViewAsync(pupil, "chat");
        await Expect(pupil.GetByTestId("chat-panel")).ToBeVisibleAsync();
        await Expect(pupil.GetByTestId("chat-channel")).ToHaveCountAsync(1);
        await Expect(pupil.GetByTestId("chat-channel")).ToHaveAttributeAsync("data-kind", "general");

        await using var teacherContext = await Browser.NewContextAsync(Server.BaseUrl);
        var teacher = await teacherContext.NewPageAsync();
        teacher.Dialog += async (_, dialog) => await dialog.AcceptAsync("Unkind to a classmate");
        await teacher.GotoAsync($"/#/twinspaces/{twinSpace.Id}/chat");
        await LoginAsTeacherAsync(teacher, founder.Email);
        await Expect(teacher.GetByTestId("chat-panel")).ToBeVisibleAsync();

        await teacher.GetByTestId("chat-input").FillAsync("Good morning, Fox!");
        await teacher.GetByTestId("chat-send").ClickAsync();
        await Expect(pupil.GetByTestId("chat-text").Filter(new() { HasText = "Good morning, Fox!" })).ToBeVisibleAsync();
        await pupil.GetByTestId("chat-input").FillAsync("Hello! Our tomatoes are growing.");
        await pupil.GetByTestId("chat-send").ClickAsync();
        await Expect(teacher.GetByTestId("chat-text").Filter(new() { HasText = "Our tomatoes are growing." })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(pupil, "chat-1-pupil-conversation");

        // Direct messages are for teachers: the teacher has the control, the pupil does not.
        await Expect(teacher.GetByTestId("chat-open-dm")).ToBeVisibleAsync();
        await Expect(pupil.GetByTestId("chat-open-dm")).ToHaveCountAsync(0);
        await Expect(pupil.GetByTestId("chat-hide")).ToHaveCountAsync(0);

        await pupil.GetByTestId("chat-input").FillAsync("Owl's plants are the ugliest");
        await pupil.GetByTestId("chat-send").ClickAsync();
        var unkind = teacher.GetByTestId("chat-message").Filter(new() { HasText = "Owl's plants are the ugliest" });
        await Expect(unkind).ToBeVisibleAsync();
        await unkind.GetByTestId("chat-hide").ClickAsync();

        await Expect(pupil.GetByTestId("chat-text").Filter(new() { HasText = "ugliest" })).ToHaveCountAsync(0);
        await Expect(pupil.GetByTestId("chat-text").Filter(new() { HasText = "Our tomatoes are growing." })).ToBeVisibleAsync();
        await Expect(teacher.GetByTestId("chat-message").Filter(new() { HasText = "Hidden by a teacher" })).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(pupil, "chat-2-pupil-after-hide");
    }

    [Fact]
    public async Task A_pupil_whose_connection_was_down_sees_what_changed_meanwhile_once_back()
    {
        await using var founder = await SignedInTeacher.RegisterAsync(Server);
        var twinSpace = await founder.Hub.CreateTwinSpaceAsync("Our school gardens", "Seeds, soil and weather.");
        var fox = (await founder.Hub.CreatePupilsAsync(twinSpace.Id, "Fox")).Single();
        // The pupil's browser reaches the server through a relay the test can cut, as a school's wifi would.
        await using var network = new TcpProxy(Server.BaseUrl);
        await using var pupilContext = await Browser.NewContextAsync(network.Url, BrowserFixture.PhoneWidth, expectConnectionErrors: true);
        var pupil = await OpenAsPupilAsync(pupilContext, twinSpace.Code, fox.Username, fox.Password);
        await OpenViewAsync(pupil, "chat");
        await founder.Hub.SendChatMessageAsync(twinSpace.Id, "general", "t1", "Bring your seeds tomorrow");
        var wrong = await founder.Hub.SendChatMessageAsync(twinSpace.Id, "general", "t2", "The password for the shed is 1234");
        var texts = pupil.GetByTestId("chat-text");
        await Expect(texts.Filter(new() { HasText = "The password for the shed" })).ToBeVisibleAsync();

        network.Refusing = true;
        network.DropAll();
        // While the pupil is away, the teacher hides the message sent by mistake and writes another.
        await founder.Hub.HideChatMessageAsync(twinSpace.Id, "general", wrong.Message.Sequence, "Sent to the wrong people");
        await founder.Hub.SendChatMessageAsync(twinSpace.Id, "general", "t3", "See you tomorrow");
        network.Refusing = false;

        await Expect(texts.Filter(new() { HasText = "See you tomorrow" })).ToBeVisibleAsync();
        await Expect(texts.Filter(new() { HasText = "The password for the shed" })).ToHaveCountAsync(0);
        await Expect(texts.Filter(new() { HasText = "Bring your seeds tomorrow" })).ToBeVisibleAsync();
        Assert.True(network.Drops >= 1);
    }
}
