using ETwinning.Collab.Client;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Pages;

public sealed class PageVersionTests(PagesServerFixture fixture) : IClassFixture<PagesServerFixture>
{
    [Fact]
    public async Task A_teacher_restores_a_named_version_and_every_live_editor_converges_on_it()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var (pupil, _, pupilHub) = await scenario.AddPupilAsync("Badger");
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Poem");
        await scenario.FounderHub.AssignPageEditorsAsync(scenario.Id, page.Id, pupil.AccountId);
        var teacher = await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        var child = await PageEditor.JoinAsync(pupilHub, scenario.Id, page.Id);
        await teacher.EditAsync(body =>
        {
            var heading = new ETwinning.Collab.Crdt.Types.YXmlElement("heading");
            body.Insert(0, heading);
            heading.SetAttribute("level", 2);
            var text = new ETwinning.Collab.Crdt.Types.YXmlText();
            heading.Insert(0, text);
            text.Insert(0, "Roses");
            text.Format(0, 5, new Dictionary<string, object?> { ["strong"] = new Dictionary<string, object?>() });
        });
        await Eventually.AssertAsync(() => Assert.Equal(teacher.Xml, child.Xml));
        await child.AppendParagraphAsync("are red");
        await Eventually.AssertAsync(() => Assert.Equal(teacher.Xml, child.Xml));
        var named = await scenario.FounderHub.CreatePageVersionAsync(scenario.Id, page.Id, "First draft");
        var original = teacher.Xml;

        await child.EditAsync(body => body.Delete(0, body.Length));
        await child.AppendParagraphAsync("vandalised");
        await Eventually.AssertAsync(() => Assert.Equal("<paragraph>vandalised</paragraph>", teacher.Xml));

        var refused = await Assert.ThrowsAsync<CollabHubException>(() => pupilHub.RestorePageVersionAsync(scenario.Id, page.Id, named.Id));
        Assert.Equal("forbidden", refused.Code);
        var versions = await scenario.FounderHub.ListPageVersionsAsync(scenario.Id, page.Id);
        Assert.Contains(versions, v => v.Id == named.Id && v.Name == "First draft" && !v.IsAutomatic);
        Assert.Equal("<h2><strong>Roses</strong></h2><p>are red</p>",
            await scenario.FounderHub.GetPageVersionHtmlAsync(scenario.Id, page.Id, named.Id));

        await scenario.FounderHub.RestorePageVersionAsync(scenario.Id, page.Id, named.Id);
        await Eventually.AssertAsync(() => Assert.Equal(original, child.Xml));
        await Eventually.AssertAsync(() => Assert.Equal(original, teacher.Xml));
        await using var fresh = await scenario.ConnectAsync(scenario.Founder);
        Assert.Equal(original, (await PageEditor.JoinAsync(fresh, scenario.Id, page.Id)).Xml);
    }

    [Fact]
    public async Task A_version_is_saved_automatically_after_a_burst_of_editing()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Diary");
        var editor = await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        await editor.AppendParagraphAsync("Monday");
        await editor.AppendParagraphAsync("Tuesday");

        await Eventually.AssertAsync(() =>
        {
            var versions = scenario.FounderHub.ListPageVersionsAsync(scenario.Id, page.Id).GetAwaiter().GetResult();
            var automatic = Assert.Single(versions, v => v.IsAutomatic);
            Assert.Null(automatic.Name);
            Assert.Equal("<p>Monday</p><p>Tuesday</p>",
                scenario.FounderHub.GetPageVersionHtmlAsync(scenario.Id, page.Id, automatic.Id).GetAwaiter().GetResult());
        });
    }
}
