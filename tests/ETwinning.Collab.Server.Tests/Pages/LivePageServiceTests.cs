using ETwinning.Collab.Crdt;
using ETwinning.Collab.Server.Features.Pages;

namespace ETwinning.Collab.Server.Tests.Pages;

/// <summary>Loading, idle unloading, automatic versions and compaction of live pages, on a fake clock.</summary>
public sealed class LivePageServiceTests : IAsyncLifetime
{
    private PagesHarness _pages = null!;

    public Task InitializeAsync()
    {
        _pages = new PagesHarness(new PagesOptions { IdleUnloadSeconds = 60, AutoVersionQuietSeconds = 120, CompactAfterUpdates = 5 });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _pages.DisposeAsync();

    private Task<Client.Protocol.PageUpdateAck> TypeAsync(string pageId, YDoc document, string text, LivePageService? node = null) =>
        (node ?? _pages.Live).ApplyAsync(PagesHarness.Founder, pageId, "typist", PagesHarness.Type(document, text));

    [Fact]
    public async Task An_idle_page_unloads_after_the_idle_time_and_not_before()
    {
        var pageId = await _pages.PageAsync();
        await TypeAsync(pageId, new YDoc(), "hello");
        Assert.True(_pages.Live.IsLoaded(PagesHarness.TwinSpaceId, pageId));

        _pages.Clock.Advance(TimeSpan.FromSeconds(59));
        await _pages.Live.HousekeepAsync();
        Assert.True(_pages.Live.IsLoaded(PagesHarness.TwinSpaceId, pageId));

        _pages.Clock.Advance(TimeSpan.FromSeconds(1));
        await _pages.Live.HousekeepAsync();
        Assert.False(_pages.Live.IsLoaded(PagesHarness.TwinSpaceId, pageId));
        // Its stored state is complete: it loads again as it was.
        Assert.Equal("hello", await PagesHarness.TextAsync(_pages.Live, pageId));
    }

    [Fact]
    public async Task An_idle_page_folds_its_log_into_its_snapshot_before_it_unloads()
    {
        var pageId = await _pages.PageAsync();
        var document = new YDoc();
        await TypeAsync(pageId, document, "one ");
        await TypeAsync(pageId, document, "two");
        Assert.Equal(2, (await _pages.Store.LogAsync(PagesHarness.TwinSpaceId, pageId)).Count);

        _pages.Clock.Advance(TimeSpan.FromSeconds(60));
        await _pages.Live.HousekeepAsync();

        Assert.False(_pages.Live.IsLoaded(PagesHarness.TwinSpaceId, pageId));
        Assert.Empty(await _pages.Store.LogAsync(PagesHarness.TwinSpaceId, pageId));
        Assert.Equal(2, (await _pages.Store.HeadAsync(PagesHarness.TwinSpaceId, pageId))!.CompactedThrough);
        Assert.Equal("one two", await PagesHarness.TextAsync(_pages.Live, pageId));
    }

    [Fact]
    public async Task A_joined_page_stays_loaded_until_its_last_connection_left_and_the_idle_time_passed()
    {
        var pageId = await _pages.PageAsync();
        await _pages.Live.JoinAsync(PagesHarness.Founder, pageId, "reader", stateVector: null);

        _pages.Clock.Advance(TimeSpan.FromHours(1));
        await _pages.Live.HousekeepAsync();
        Assert.True(_pages.Live.IsLoaded(PagesHarness.TwinSpaceId, pageId));

        await _pages.Live.LeaveAsync(PagesHarness.TwinSpaceId, pageId, "reader");
        _pages.Clock.Advance(TimeSpan.FromSeconds(30));
        await _pages.Live.HousekeepAsync();
        Assert.True(_pages.Live.IsLoaded(PagesHarness.TwinSpaceId, pageId));
        _pages.Clock.Advance(TimeSpan.FromSeconds(30));
        await _pages.Live.HousekeepAsync();
        Assert.False(_pages.Live.IsLoaded(PagesHarness.TwinSpaceId, pageId));
    }

    [Fact]
    public async Task An_automatic_version_is_saved_once_after_the_quiet_period()
    {
        var pageId = await _pages.PageAsync();
        await _pages.Live.JoinAsync(PagesHarness.Founder, pageId, "typist", stateVector: null);
        var document = new YDoc();
        await TypeAsync(pageId, document, "one ");
        _pages.Clock.Advance(TimeSpan.FromSeconds(100));
        // A later edit restarts the quiet period.
        await TypeAsync(pageId, document, "two");
        _pages.Clock.Advance(TimeSpan.FromSeconds(119));
        await _pages.Live.HousekeepAsync();
        Assert.Empty(await _pages.Store.VersionsAsync(PagesHarness.TwinSpaceId, pageId));

        _pages.Clock.Advance(TimeSpan.FromSeconds(1));
        await _pages.Live.HousekeepAsync();
        _pages.Clock.Advance(TimeSpan.FromSeconds(600));
        await _pages.Live.HousekeepAsync();

        var version = Assert.Single(await _pages.Store.VersionsAsync(PagesHarness.TwinSpaceId, pageId));
        Assert.True(version.IsAutomatic);
        var saved = new YDoc();
        saved.ApplyUpdate(version.Content);
        Assert.Equal("one two", saved.GetText("t").ToString());
        Assert.Equal(_pages.Clock.GetUtcNow().UtcDateTime.AddSeconds(-600), version.CreatedAt);
    }

    [Fact]
    public async Task Unloading_a_page_with_unversioned_edits_saves_a_version_first()
    {
        var pageId = await _pages.PageAsync();
        await TypeAsync(pageId, new YDoc(), "draft");
        _pages.Clock.Advance(TimeSpan.FromSeconds(60));
        await _pages.Live.HousekeepAsync();

        Assert.False(_pages.Live.IsLoaded(PagesHarness.TwinSpaceId, pageId));
        Assert.Single(await _pages.Store.VersionsAsync(PagesHarness.TwinSpaceId, pageId));
    }

    [Fact]
    public async Task Concurrent_joiners_share_one_load_that_holds_no_lock_and_updates_from_other_nodes_wait_for_it()
    {
        var pageId = await _pages.PageAsync();
        var writer = _pages.NewNode();
        var document = new YDoc();
        await TypeAsync(pageId, document, "stored ", writer);
        var remote = PagesHarness.Type(document, "remote");

        var logReads = _pages.Store.LogReads;
        _pages.Store.Close();
        var joins = Enumerable.Range(0, 5)
            .Select(i => _pages.Live.JoinAsync(PagesHarness.Founder, pageId, $"c{i}", stateVector: null)).ToList();
        await _pages.Store.ReadStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Arrives while the page loads (the relay calls in with the page's gate free), is applied after the stored state.
        _pages.Live.ApplyRemoteUpdate(PagesHarness.TwinSpaceId, pageId, 2, remote);
        _pages.Live.ApplyRemoteAwareness(PagesHarness.TwinSpaceId, pageId, Crdt.Protocol.AwarenessUpdate.Encode([]));
        Assert.All(joins, join => Assert.False(join.IsCompleted));
        _pages.Store.Open();
        var results = await Task.WhenAll(joins).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(logReads + 1, _pages.Store.LogReads);
        Assert.All(results, result => Assert.Equal(results[0].Update, result.Update));
        var joined = new YDoc();
        joined.ApplyUpdate(results[0].Update);
        Assert.Equal("stored remote", joined.GetText("t").ToString());
        Assert.Equal(2, results[0].Sequence);
    }

    [Fact]
    public async Task The_log_is_compacted_into_the_snapshot_outside_the_store_and_reloads_intact()
    {
        var pageId = await _pages.PageAsync();
        var document = new YDoc();
        for (var i = 0; i < 7; i++) await TypeAsync(pageId, document, $"{i}");

        var head = (await _pages.Store.HeadAsync(PagesHarness.TwinSpaceId, pageId))!;
        Assert.Equal(5, head.CompactedThrough);
        Assert.Equal(7, head.LastSequence);
        Assert.Equal([6L, 7], (await _pages.Store.LogAsync(PagesHarness.TwinSpaceId, pageId)).Select(e => e.Sequence));
        Assert.Equal("0123456", await PagesHarness.TextAsync(_pages.NewNode(), pageId));
    }

    [Fact]
    public async Task Nodes_that_compact_in_turn_keep_each_others_updates()
    {
        var pageId = await _pages.PageAsync();
        var first = _pages.Live;
        var second = _pages.NewNode();
        // Both load the empty page; nothing relays between them, so each misses the other's edits.
        await first.JoinAsync(PagesHarness.Founder, pageId, "a", stateVector: null);
        await second.JoinAsync(PagesHarness.Founder, pageId, "b", stateVector: null);
        var firstTypist = new YDoc();
        var secondTypist = new YDoc();
        for (var i = 0; i < 5; i++) await TypeAsync(pageId, firstTypist, "a", first);
        Assert.Equal(5, (await _pages.Store.HeadAsync(PagesHarness.TwinSpaceId, pageId))!.CompactedThrough);
        for (var i = 0; i < 5; i++) await TypeAsync(pageId, secondTypist, "b", second);

        var head = (await _pages.Store.HeadAsync(PagesHarness.TwinSpaceId, pageId))!;
        Assert.Equal(10, head.CompactedThrough);
        Assert.Empty(await _pages.Store.LogAsync(PagesHarness.TwinSpaceId, pageId));
        var expected = new YDoc();
        expected.ApplyUpdate(firstTypist.EncodeStateAsUpdate());
        expected.ApplyUpdate(secondTypist.EncodeStateAsUpdate());
        Assert.Equal(expected.GetText("t").ToString(), await PagesHarness.TextAsync(_pages.NewNode(), pageId));
        Assert.Equal(10, (await PagesHarness.TextAsync(_pages.NewNode(), pageId)).Length);
    }

    [Fact]
    public async Task Leaving_removes_the_connections_cursors_for_everyone()
    {
        var pageId = await _pages.PageAsync();
        await _pages.Live.JoinAsync(PagesHarness.Founder, pageId, "a", stateVector: null);
        var cursor = Crdt.Protocol.AwarenessUpdate.Encode([new Crdt.Protocol.AwarenessClientState(7, 1, """{"cursor":1}""")]);
        await _pages.Live.AwarenessAsync(PagesHarness.Founder, pageId, "a", cursor);

        await _pages.Live.LeaveAsync(PagesHarness.TwinSpaceId, pageId, "a");

        var removal = Crdt.Protocol.AwarenessUpdate.Decode(_pages.Notifier.Awareness.Last().Update);
        Assert.True(Assert.Single(removal).IsRemoved);
        var rejoined = await _pages.Live.JoinAsync(PagesHarness.Founder, pageId, "b", stateVector: null);
        Assert.Empty(Crdt.Protocol.AwarenessUpdate.Decode(rejoined.Awareness));
    }
}
