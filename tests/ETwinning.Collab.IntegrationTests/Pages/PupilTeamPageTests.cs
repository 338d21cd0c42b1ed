using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Pages;

/// <summary>Teachers assign a page to a (mixed-country) pupil team; whoever is in the team writes it.</summary>
public sealed class PupilTeamPageTests(PagesServerFixture fixture) : IClassFixture<PagesServerFixture>
{
    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task Pupils_in_a_team_assigned_to_a_page_write_it_and_leaving_the_team_ends_that()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var (heron, _, heronHub) = await scenario.AddPupilAsync("Heron");
        var (lynx, _, lynxHub) = await scenario.AddPupilAsync("Lynx");
        var (_, partnerHub) = await scenario.AddTeacherAsync();
        var teamEvents = new EventRecorder<PupilTeamChangedEvent>();
        heronHub.PupilTeamChanged += teamEvents.Record;
        await heronHub.JoinTwinSpaceAsync(scenario.Id);

        // A partner teacher (not an administrator) may make teams: teachers supervise pupils.
        var team = await partnerHub.SavePupilTeamAsync(scenario.Id, null, "Rivers team", heron.AccountId, lynx.AccountId);
        await teamEvents.WaitForAsync(e => e.Change == TeamChange.Created && e.Team.Id == team.Id);
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Our river");
        // Published to members, so pupils outside the team still read it (a draft would be hidden from them).
        await scenario.FounderHub.SetPageStateAsync(scenario.Id, page.Id, true, PageVisibility.Members);
        var assigned = await scenario.FounderHub.AssignPageTeamsAsync(scenario.Id, page.Id, team.Id);
        Assert.Equal([team.Id], assigned.EditorTeamIds);

        var heronEditor = await PageEditor.JoinAsync(heronHub, scenario.Id, page.Id);
        var lynxEditor = await PageEditor.JoinAsync(lynxHub, scenario.Id, page.Id);
        Assert.True(heronEditor.Joined.CanEdit);
        await heronEditor.AppendParagraphAsync("The river starts in the hills.");
        await lynxEditor.AppendParagraphAsync("Our river ends in the sea.");

        await partnerHub.SavePupilTeamAsync(scenario.Id, team.Id, "Rivers team", heron.AccountId);

        var refused = await Assert.ThrowsAsync<CollabHubException>(() => lynxEditor.AppendParagraphAsync("Still here?"));
        Assert.Equal("forbidden", refused.Code);
        await heronEditor.AppendParagraphAsync("Heron keeps writing.");
        Assert.Equal(["Rivers team"], (await lynxHub.ListPupilTeamsAsync(scenario.Id)).Select(t => t.Name));

        await scenario.FounderHub.DeletePupilTeamAsync(scenario.Id, team.Id);
        var afterDelete = await Assert.ThrowsAsync<CollabHubException>(() => heronEditor.AppendParagraphAsync("And now?"));
        Assert.Equal("forbidden", afterDelete.Code);
        var reader = await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        Assert.Equal(3, reader.Document.GetXmlFragment("prosemirror").Length);
    }

    [Fact]
    public async Task Teams_hold_only_this_TwinSpaces_pupils_and_only_teachers_make_them()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        await using var other = await TwinSpaceScenario.CreateAsync(Server, "Another project");
        var (pupil, _, pupilHub) = await scenario.AddPupilAsync("Seal");
        var outsider = (await other.FounderHub.CreatePupilsAsync(other.Id, "Outsider")).Single();
        var (partner, _) = await scenario.AddTeacherAsync();

        var cases = new (string Code, Func<Task> Call)[]
        {
            ("invalid", () => scenario.FounderHub.SavePupilTeamAsync(scenario.Id, null, "Mixed", pupil.AccountId, outsider.AccountId)),
            ("invalid", () => scenario.FounderHub.SavePupilTeamAsync(scenario.Id, null, "With a teacher", partner.Account.Id)),
            ("invalid", () => scenario.FounderHub.SavePupilTeamAsync(scenario.Id, null, "  ", pupil.AccountId)),
            ("forbidden", () => pupilHub.SavePupilTeamAsync(scenario.Id, null, "Self-made", pupil.AccountId)),
            ("not_found", () => scenario.FounderHub.DeletePupilTeamAsync(scenario.Id, "ffffffffffffffffffffffffffffffff")),
        };
        foreach (var (code, call) in cases)
            Assert.Equal(code, (await Assert.ThrowsAsync<CollabHubException>(call)).Code);

        var otherTeam = await other.FounderHub.SavePupilTeamAsync(other.Id, null, "Theirs", outsider.AccountId);
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Ours");
        var foreign = await Assert.ThrowsAsync<CollabHubException>(() => scenario.FounderHub.AssignPageTeamsAsync(scenario.Id, page.Id, otherTeam.Id));
        Assert.Equal("not_found", foreign.Code);
        Assert.Empty(await scenario.FounderHub.ListPupilTeamsAsync(scenario.Id));
    }
}
