using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Pages;

public sealed class PageTreeTests(PagesServerFixture fixture) : IClassFixture<PagesServerFixture>
{
    [Fact]
    public async Task Teachers_build_a_tree_that_members_see_live_in_menu_order()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var (_, teacher) = await scenario.AddTeacherAsync();
        await teacher.JoinTwinSpaceAsync(scenario.Id);
        var events = new EventRecorder<PageTreeEvent>();
        teacher.PageTreeChanged += events.Record;

        var home = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Our project", "What we do together");
        var plan = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Timeline", null, home.Id);
        var team = await teacher.CreatePageAsync(scenario.Id, "Team Lisbon", null, home.Id);
        var about = await scenario.FounderHub.CreatePageAsync(scenario.Id, "About");

        var created = await events.WaitForAsync(e => e.Page.Id == about.Id && e.Change == PageChange.Created);
        Assert.Equal("About", created.Page.Title);
        Assert.False(home.IsPublished);
        Assert.Equal(PageVisibility.Members, home.Visibility);
        Assert.Equal("What we do together", home.Description);
        Assert.Equal([home.Id, plan.Id, team.Id, about.Id], (await teacher.ListPagesAsync(scenario.Id)).Select(p => p.Id));

        // Reordering is for teacher administrators.
        var refused = await Assert.ThrowsAsync<CollabHubException>(() => teacher.MovePageAsync(scenario.Id, team.Id, home.Id, 0));
        Assert.Equal("forbidden", refused.Code);
        await scenario.FounderHub.MovePageAsync(scenario.Id, team.Id, home.Id, 0);
        await events.WaitForAsync(e => e.Page.Id == team.Id && e.Change == PageChange.Moved);
        Assert.Equal([home.Id, team.Id, plan.Id, about.Id], (await teacher.ListPagesAsync(scenario.Id)).Select(p => p.Id));

        var loop = await Assert.ThrowsAsync<CollabHubException>(() => scenario.FounderHub.MovePageAsync(scenario.Id, home.Id, team.Id, 0));
        Assert.Equal("invalid", loop.Code);

        // A teacher manages their own page, not the founder's.
        await teacher.UpdatePageAsync(scenario.Id, team.Id, "Team Lisboa", "Pupils from Lisbon");
        var notOwn = await Assert.ThrowsAsync<CollabHubException>(() => teacher.UpdatePageAsync(scenario.Id, home.Id, "Mine now", null));
        Assert.Equal("forbidden", notOwn.Code);
        await events.WaitForAsync(e => e.Page.Title == "Team Lisboa" && e.Page.Description == "Pupils from Lisbon");
    }

    [Fact]
    public async Task A_page_moves_under_another_parent_and_both_families_keep_their_order()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var hub = scenario.FounderHub;
        var rivers = await hub.CreatePageAsync(scenario.Id, "Our rivers");
        var danube = await hub.CreatePageAsync(scenario.Id, "The Danube", null, rivers.Id);
        var tagus = await hub.CreatePageAsync(scenario.Id, "The Tagus", null, rivers.Id);
        var vistula = await hub.CreatePageAsync(scenario.Id, "The Vistula", null, rivers.Id);
        var fish = await hub.CreatePageAsync(scenario.Id, "Fish");

        var moved = await hub.MovePageAsync(scenario.Id, danube.Id, fish.Id, 0);

        Assert.Equal((fish.Id, 0), (moved.ParentId, moved.Position));
        var pages = (await hub.ListPagesAsync(scenario.Id)).ToDictionary(p => p.Id);
        Assert.Equal([rivers.Id, tagus.Id, vistula.Id, fish.Id, danube.Id], (await hub.ListPagesAsync(scenario.Id)).Select(p => p.Id));
        Assert.Equal((0, 1), (pages[tagus.Id].Position, pages[vistula.Id].Position));

        var intoOwnChild = await Assert.ThrowsAsync<CollabHubException>(() => hub.MovePageAsync(scenario.Id, fish.Id, danube.Id, 0));
        Assert.Equal("invalid", intoOwnChild.Code);
        await using var other = await TwinSpaceScenario.CreateAsync(fixture.Server, "Another project");
        var elsewhere = await other.FounderHub.CreatePageAsync(other.Id, "Elsewhere");
        var otherTwinSpace = await Assert.ThrowsAsync<CollabHubException>(() => hub.MovePageAsync(scenario.Id, fish.Id, elsewhere.Id, 0));
        Assert.Equal("not_found", otherTwinSpace.Code);
    }

    [Fact]
    public async Task Pupils_see_published_pages_and_edit_only_what_is_assigned_to_them()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var (pupil, _, pupilHub) = await scenario.AddPupilAsync("Otter");
        var draft = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Draft");
        var published = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Stories");
        await scenario.FounderHub.SetPageStateAsync(scenario.Id, published.Id, true, PageVisibility.Members);

        var seen = await pupilHub.ListPagesAsync(scenario.Id);
        Assert.Equal([published.Id], seen.Select(p => p.Id));
        Assert.False(seen[0].CanEdit);
        var create = await Assert.ThrowsAsync<CollabHubException>(() => pupilHub.CreatePageAsync(scenario.Id, "Mine"));
        Assert.Equal("forbidden", create.Code);
        Assert.Equal("not_found", (await Assert.ThrowsAsync<CollabHubException>(() => pupilHub.GetPageAsync(scenario.Id, draft.Id))).Code);

        await scenario.FounderHub.AssignPageEditorsAsync(scenario.Id, draft.Id, pupil.AccountId);
        var assigned = await pupilHub.GetPageAsync(scenario.Id, draft.Id);
        Assert.True(assigned.CanEdit);
        // Assigned to write the body, not to manage the page.
        var rename = await Assert.ThrowsAsync<CollabHubException>(() => pupilHub.UpdatePageAsync(scenario.Id, draft.Id, "Renamed", null));
        Assert.Equal("forbidden", rename.Code);
        var stranger = await Assert.ThrowsAsync<CollabHubException>(() =>
            scenario.FounderHub.AssignPageEditorsAsync(scenario.Id, draft.Id, "ffffffffffffffffffffffffffffffff"));
        Assert.Equal("not_found", stranger.Code);
    }

    [Fact]
    public async Task Draft_titles_reach_only_members_who_may_see_the_draft()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var (_, _, pupilHub) = await scenario.AddPupilAsync("Mole");
        await pupilHub.JoinTwinSpaceAsync(scenario.Id);
        var (_, teacherHub) = await scenario.AddTeacherAsync();
        await teacherHub.JoinTwinSpaceAsync(scenario.Id);
        var pupilEvents = new EventRecorder<PageTreeEvent>();
        var teacherEvents = new EventRecorder<PageTreeEvent>();
        pupilHub.PageTreeChanged += pupilEvents.Record;
        teacherHub.PageTreeChanged += teacherEvents.Record;

        var secret = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Surprise for the pupils");
        await teacherEvents.WaitForAsync(e => e.Page.Title == "Surprise for the pupils");
        var shown = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Timetable");
        await scenario.FounderHub.SetPageStateAsync(scenario.Id, shown.Id, true, PageVisibility.Members);
        await pupilEvents.WaitForAsync(e => e.Page.Id == shown.Id && e.Page.IsPublished);
        Assert.DoesNotContain(pupilEvents.Seen, e => e.Page.Title == "Surprise for the pupils");

        // Un-publishing takes the page away from the pupil's menu without telling its new title.
        await scenario.FounderHub.SetPageStateAsync(scenario.Id, shown.Id, false, PageVisibility.Members);
        var gone = await pupilEvents.WaitForAsync(e => e.Page.Id == shown.Id && e.Change == PageChange.Deleted);
        Assert.Equal("", gone.Page.Title);
        Assert.Contains(teacherEvents.Seen, e => e.Page.Id == secret.Id);
    }

    [Fact]
    public async Task Deleted_pages_and_their_sub_pages_disappear_until_restored()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var parent = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Parent");
        var child = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Child", null, parent.Id);

        await scenario.FounderHub.DeletePageAsync(scenario.Id, parent.Id);
        Assert.Empty(await scenario.FounderHub.ListPagesAsync(scenario.Id));
        var join = await Assert.ThrowsAsync<CollabHubException>(() => scenario.FounderHub.JoinPageAsync(scenario.Id, child.Id, []));
        Assert.Equal("not_found", join.Code);
        Assert.Contains(await scenario.FounderHub.ListPagesAsync(scenario.Id, includeDeleted: true), p => p.Id == parent.Id && p.IsDeleted);

        await scenario.FounderHub.RestorePageAsync(scenario.Id, parent.Id);
        Assert.Equal([parent.Id, child.Id], (await scenario.FounderHub.ListPagesAsync(scenario.Id)).Select(p => p.Id));
    }

    [Fact]
    public async Task An_archived_TwinSpace_keeps_its_pages_readable_and_refuses_every_change()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Results");
        var editor = await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        await editor.AppendParagraphAsync("Before the archive");
        await scenario.FounderHub.ArchiveTwinSpaceAsync(scenario.Id);

        foreach (var call in new Func<Task>[]
        {
            () => scenario.FounderHub.CreatePageAsync(scenario.Id, "More"),
            () => scenario.FounderHub.UpdatePageAsync(scenario.Id, page.Id, "Renamed", null),
            () => scenario.FounderHub.DeletePageAsync(scenario.Id, page.Id),
            () => editor.AppendParagraphAsync("After the archive"),
        })
            Assert.Equal("read_only", (await Assert.ThrowsAsync<CollabHubException>(call)).Code);

        var reader = await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        Assert.False(reader.Joined.CanEdit);
        Assert.Equal("<paragraph>Before the archive</paragraph>", reader.Xml);
    }
}
