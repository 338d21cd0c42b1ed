using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Crdt.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Pages;

/// <summary>Losing access takes a member out of everything at once, through the connection registry.</summary>
public sealed class EvictionTests(PagesServerFixture fixture) : IClassFixture<PagesServerFixture>
{
    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task Removing_a_pupil_clears_their_cursor_at_once_and_presence_says_who_went_offline()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Our poem");
        await scenario.FounderHub.JoinTwinSpaceAsync(scenario.Id);
        await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        var cursors = new EventRecorder<IReadOnlyList<AwarenessClientState>>();
        scenario.FounderHub.PageAwareness += e => cursors.Record(AwarenessUpdate.Decode(e.Update));
        var presence = new EventRecorder<PresenceEvent>();
        scenario.FounderHub.PresenceChanged += presence.Record;

        var (pupil, _, pupilHub) = await scenario.AddPupilAsync("Otter");
        await scenario.FounderHub.AssignPageEditorsAsync(scenario.Id, page.Id, pupil.AccountId);
        await pupilHub.JoinTwinSpaceAsync(scenario.Id);
        await pupilHub.JoinPageAsync(scenario.Id, page.Id, []);
        await pupilHub.SendPageAwarenessAsync(scenario.Id, page.Id, AwarenessUpdate.Encode(5151, 1, new Dictionary<string, object?>()));
        await cursors.WaitForAsync(states => states.Any(s => s.ClientId == 5151 && !s.IsRemoved));

        // The pupil stays connected: only the removal can take the cursor away.
        await scenario.FounderHub.RemoveMemberAsync(scenario.Id, pupil.AccountId);

        await cursors.WaitForAsync(states => states.Any(s => s.ClientId == 5151 && s.IsRemoved));
        var offline = await presence.WaitForAsync(p => p.AccountId == pupil.AccountId && !p.Online);
        Assert.Equal("Otter", offline.DisplayName);
        await using var fresh = await scenario.ConnectAsync(scenario.Founder);
        var joined = await fresh.JoinPageAsync(scenario.Id, page.Id, []);
        Assert.DoesNotContain(AwarenessUpdate.Decode(joined.Awareness), s => s.ClientId == 5151);
    }
}
