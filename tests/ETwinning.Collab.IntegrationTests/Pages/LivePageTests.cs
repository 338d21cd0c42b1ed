using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Crdt.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Features.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace ETwinning.Collab.IntegrationTests.Pages;

public sealed class LivePageTests(PagesServerFixture fixture) : IClassFixture<PagesServerFixture>
{
    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task Editors_converge_and_a_fresh_joiner_gets_the_complete_state()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var (pupil, _, pupilHub) = await scenario.AddPupilAsync("Heron");
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Our story");
        await scenario.FounderHub.AssignPageEditorsAsync(scenario.Id, page.Id, pupil.AccountId);
        var teacher = await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        var child = await PageEditor.JoinAsync(pupilHub, scenario.Id, page.Id);
        Assert.True(child.Joined.CanEdit);

        var acks = await Task.WhenAll(
            teacher.AppendParagraphAsync("Once upon a time"), child.AppendParagraphAsync("in Lisbon"),
            teacher.AppendParagraphAsync("there was"), child.AppendParagraphAsync("a heron."));
        Assert.Equal(4, acks.Select(a => a.Sequence).Distinct().Count());

        await Eventually.AssertAsync(() => Assert.Equal(teacher.Xml, child.Xml));
        Assert.Equal(4, teacher.Document.GetXmlFragment("prosemirror").Length);
        await using var late = await scenario.ConnectAsync(scenario.Founder);
        var joiner = await PageEditor.JoinAsync(late, scenario.Id, page.Id);
        Assert.Equal(teacher.Xml, joiner.Xml);
        Assert.True(joiner.Joined.Sequence >= acks.Max(a => a.Sequence));

        // A client that knows sequence N gets what came after it (or learns it must re-sync).
        var since = await late.GetPageUpdatesAsync(scenario.Id, page.Id, acks.Min(a => a.Sequence));
        Assert.True(since.Complete);
        Assert.Equal(acks.Select(a => a.Sequence).Order().Skip(1), since.Updates.Select(u => u.Sequence));
    }

    [Fact]
    public async Task Members_who_may_not_edit_join_read_only_and_their_updates_are_refused()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var (_, _, pupilHub) = await scenario.AddPupilAsync("Lynx");
        var (_, observerHub) = await scenario.AddTeacherAsync(TwinSpaceRole.Observer);
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Teachers' page");
        await scenario.FounderHub.SetPageStateAsync(scenario.Id, page.Id, true, PageVisibility.Members);
        var teacher = await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        var ack = await teacher.AppendParagraphAsync("Only teachers write here");

        foreach (var hub in new[] { pupilHub, observerHub })
        {
            var reader = await PageEditor.JoinAsync(hub, scenario.Id, page.Id);
            Assert.False(reader.Joined.CanEdit);
            Assert.Equal("<paragraph>Only teachers write here</paragraph>", reader.Xml);
            var refused = await Assert.ThrowsAsync<CollabHubException>(() => reader.AppendParagraphAsync("Vandalism"));
            Assert.Equal("forbidden", refused.Code);
        }
        var after = await scenario.FounderHub.GetPageUpdatesAsync(scenario.Id, page.Id, ack.Sequence);
        Assert.True(after.Complete);
        Assert.Empty(after.Updates);
        Assert.Equal("<paragraph>Only teachers write here</paragraph>", teacher.Xml);
    }

    [Fact]
    public async Task Bad_updates_get_clear_codes_store_nothing_and_leave_other_editors_alone()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        await using var other = await TwinSpaceScenario.CreateAsync(Server, "Another project");
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Target");
        var foreign = await other.FounderHub.CreatePageAsync(other.Id, "Elsewhere");
        var deleted = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Gone");
        await scenario.FounderHub.DeletePageAsync(scenario.Id, deleted.Id);
        var editor = await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        var ack = await editor.AppendParagraphAsync("Good content");
        var hub = scenario.FounderHub;
        var sample = new ETwinning.Collab.Crdt.YDoc();
        sample.GetText("t").Insert(0, "a real update, cut in half");
        var whole = sample.EncodeStateAsUpdate();
        var truncated = whole[..(whole.Length / 2)];

        var cases = new (string Code, Func<Task> Call)[]
        {
            ("invalid", () => hub.SendPageUpdateAsync(scenario.Id, page.Id, [0xff, 0xff, 0xff, 0x01, 0x02])),
            ("invalid", () => hub.SendPageUpdateAsync(scenario.Id, page.Id, truncated)),
            ("invalid", () => hub.SendPageUpdateAsync(scenario.Id, page.Id, null!)),
            ("too_large", () => hub.SendPageUpdateAsync(scenario.Id, page.Id, new byte[16385])),
            ("not_found", () => hub.SendPageUpdateAsync(scenario.Id, "ffffffffffffffffffffffffffffffff", [0, 0])),
            ("not_found", () => hub.SendPageUpdateAsync(scenario.Id, foreign.Id, [0, 0])),
            ("not_found", () => hub.SendPageUpdateAsync(scenario.Id, deleted.Id, [0, 0])),
            ("not_found", () => hub.JoinPageAsync(scenario.Id, deleted.Id, [])),
            ("forbidden", () => hub.SendPageUpdateAsync(other.Id, foreign.Id, [0, 0])),
            ("invalid", () => hub.JoinPageAsync(scenario.Id, page.Id, [0xff, 0xff, 0xff])),
            ("invalid", () => hub.SendPageAwarenessAsync(scenario.Id, page.Id, [5, 1])),
            ("too_large", () => hub.SendPageAwarenessAsync(scenario.Id, page.Id, new byte[5000])),
            ("invalid", () => hub.SendPageUpdateAsync(scenario.Id, "../../x", [0, 0])),
        };
        foreach (var (code, call) in cases)
        {
            var error = await Assert.ThrowsAsync<CollabHubException>(call);
            Assert.True(code == error.Code, $"expected {code}, got {error.Code}: {error.Message}");
        }

        var stored = await hub.GetPageUpdatesAsync(scenario.Id, page.Id, ack.Sequence);
        Assert.True(stored.Complete);
        Assert.Empty(stored.Updates);
        await editor.AppendParagraphAsync("Still writing");
        await using var fresh = await scenario.ConnectAsync(scenario.Founder);
        Assert.Equal("<paragraph>Good content</paragraph><paragraph>Still writing</paragraph>",
            (await PageEditor.JoinAsync(fresh, scenario.Id, page.Id)).Xml);
    }

    [Fact]
    public async Task Awareness_is_relayed_rate_limited_and_removed_when_a_connection_closes()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Cursors");
        await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        var awareness = new EventRecorder<IReadOnlyList<AwarenessClientState>>();
        scenario.FounderHub.PageAwareness += e => awareness.Record(AwarenessUpdate.Decode(e.Update));
        var typist = await scenario.ConnectAsync(scenario.Founder);
        await typist.JoinPageAsync(scenario.Id, page.Id, []);

        await typist.SendPageAwarenessAsync(scenario.Id, page.Id, AwarenessUpdate.Encode(4242, 1,
            new Dictionary<string, object?> { ["user"] = new Dictionary<string, object?> { ["name"] = "Ana" } }));
        // The name shown at the cursor is the member's own, whatever the client claims.
        var seen = await awareness.WaitForAsync(states => states.Any(s => s.ClientId == 4242));
        var state = Assert.Single(seen);
        Assert.DoesNotContain("Ana", state.StateJson, StringComparison.Ordinal);
        Assert.Contains($"\"name\":\"{scenario.Founder.Account.DisplayName}\"", state.StateJson, StringComparison.Ordinal);

        // A late joiner gets the current cursors with the page.
        await using var late = await scenario.ConnectAsync(scenario.Founder);
        var joined = await late.JoinPageAsync(scenario.Id, page.Id, []);
        Assert.Contains(AwarenessUpdate.Decode(joined.Awareness), s => s.ClientId == 4242);

        // Another connection cannot speak for that client id.
        var spoof = await Assert.ThrowsAsync<CollabHubException>(() =>
            late.SendPageAwarenessAsync(scenario.Id, page.Id, AwarenessUpdate.Encode(4242, 9, null)));
        Assert.Equal("forbidden", spoof.Code);

        // A flood is cut off; the limit is per connection (burst twice the per-second rate).
        var limited = await Assert.ThrowsAsync<CollabHubException>(async () =>
        {
            for (ulong clock = 2; clock < 40; clock++)
                await typist.SendPageAwarenessAsync(scenario.Id, page.Id, AwarenessUpdate.Encode(4242, clock, new Dictionary<string, object?>()));
        });
        Assert.Equal("rate_limited", limited.Code);

        await typist.DisposeAsync();
        await awareness.WaitForAsync(states => states.Any(s => s.ClientId == 4242 && s.IsRemoved));
    }

    [Fact]
    public async Task The_log_is_compacted_and_an_idle_page_unloads_and_reloads_intact()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Long story");
        var editor = await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        for (var i = 0; i < 25; i++) await editor.AppendParagraphAsync($"Line {i}");

        var store = Server.Services.GetRequiredService<IPageStore>();
        var head = (await store.HeadAsync(scenario.Id, page.Id))!;
        Assert.NotEmpty(head.Snapshot);
        Assert.Equal(25, head.LastSequence);
        Assert.True(head.CompactedThrough >= 10);
        Assert.True((await store.LogAsync(scenario.Id, page.Id)).Count < 10);
        var since = await scenario.FounderHub.GetPageUpdatesAsync(scenario.Id, page.Id, 1);
        Assert.False(since.Complete);

        await scenario.FounderHub.LeavePageAsync(scenario.Id, page.Id);
        var live = Server.Services.GetRequiredService<LivePageService>();
        await Eventually.AssertAsync(() => Assert.False(live.IsLoaded(scenario.Id, page.Id)));

        await using var fresh = await scenario.ConnectAsync(scenario.Founder);
        var reader = await PageEditor.JoinAsync(fresh, scenario.Id, page.Id);
        Assert.Equal(editor.Xml, reader.Xml);
        Assert.Equal(25, reader.Document.GetXmlFragment("prosemirror").Length);
        Assert.Equal(25, reader.Joined.Sequence);
    }
}
