using ETwinning.Collab.Crdt;
using ETwinning.Collab.Server.Features.Pages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ETwinning.Collab.Server.Tests.Pages;

/// <summary>The state rules of one live page, without store or service.</summary>
public sealed class LivePageTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(60);

    private readonly FakeTimeProvider _clock = new();
    private readonly LivePage _page;

    public LivePageTests() => _page = new LivePage(new PageKey("space", "page"), _clock);

    private static PageUpdateRecord Entry(long sequence, byte[] update) =>
        new() { Id = PageUpdateRecord.KeyOf("page", sequence), PageId = "page", Sequence = sequence, Update = update };

    private void Load(params PageUpdateRecord[] log) => _page.CompleteLoad(null, log, NullLogger.Instance);

    [Fact]
    public void Only_one_caller_loads_and_updates_from_other_nodes_wait_until_the_stored_state_is_in()
    {
        var typist = new YDoc();
        var stored = PagesHarness.Type(typist, "a");
        var remote = PagesHarness.Type(typist, "b");

        Assert.True(_page.TryClaimLoad());
        Assert.False(_page.TryClaimLoad());
        _page.Apply(2, remote, NullLogger.Instance);
        Assert.Equal("", _page.Document.GetText("t").ToString());
        Assert.False(_page.Loaded.IsCompleted);

        Load(Entry(1, stored));

        Assert.Equal(LivePageState.Live, _page.State);
        Assert.True(_page.Loaded.IsCompletedSuccessfully);
        Assert.Equal("ab", _page.Document.GetText("t").ToString());
        Assert.Equal(2, _page.LastSequence);
    }

    [Fact]
    public async Task A_failed_load_unloads_the_page_and_tells_every_waiter()
    {
        _page.FailLoad(new IOException("disk"));

        Assert.Equal(LivePageState.Unloaded, _page.State);
        await Assert.ThrowsAsync<IOException>(() => _page.Loaded);
    }

    [Fact]
    public void Compaction_starts_when_due_runs_once_and_keeps_the_page_loaded()
    {
        Load();
        var typist = new YDoc();
        _page.Apply(1, PagesHarness.Type(typist, "a"), NullLogger.Instance);
        Assert.False(_page.TryBeginCompaction(afterUpdates: 2, afterBytes: 1_000_000));
        _page.Apply(2, PagesHarness.Type(typist, "b"), NullLogger.Instance);

        Assert.True(_page.TryBeginCompaction(afterUpdates: 2, afterBytes: 1_000_000));
        Assert.False(_page.TryBeginCompaction(afterUpdates: 2, afterBytes: 1_000_000));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.False(_page.Housekeep(Quiet, Idle).Unloaded);
        Assert.Equal(LivePageState.Compacting, _page.State);

        _page.Compacted(2);
        _page.EndCompaction();
        Assert.Equal((LivePageState.Live, 0, 2L), (_page.State, _page.UncompactedCount, _page.CompactedThrough));
        Assert.True(_page.Housekeep(Quiet, Idle).Unloaded);
        Assert.Equal(LivePageState.Unloaded, _page.State);
    }

    [Fact]
    public void A_snapshot_covers_only_what_the_document_holds_without_a_gap()
    {
        Load();
        var typist = new YDoc();
        var updates = Enumerable.Range(0, 4).Select(i => PagesHarness.Type(typist, $"{i}")).ToList();
        _page.Apply(1, updates[0], NullLogger.Instance);
        _page.Apply(2, updates[1], NullLogger.Instance);
        _page.Apply(4, updates[3], NullLogger.Instance);

        Assert.Equal(2, _page.ContiguousThrough());
        _page.Apply(3, updates[2], NullLogger.Instance);
        Assert.Equal(4, _page.ContiguousThrough());
        // An entry already compacted is not counted again.
        _page.Compacted(4);
        _page.Apply(2, updates[1], NullLogger.Instance);
        Assert.Equal(0, _page.UncompactedCount);
    }

    [Fact]
    public void Idle_and_quiet_periods_are_measured_on_the_injected_clock()
    {
        Load();
        _page.Connections.Add("c1");
        _page.Edited();

        _clock.Advance(Quiet - TimeSpan.FromTicks(1));
        Assert.Equal(default, _page.Housekeep(Quiet, Idle));
        _clock.Advance(TimeSpan.FromTicks(1));
        var chores = _page.Housekeep(Quiet, Idle);
        Assert.NotNull(chores.Version);
        Assert.False(chores.Unloaded);
        Assert.Null(_page.Housekeep(Quiet, Idle).Version);

        _page.Connections.Remove("c1");
        _page.Touch();
        _clock.Advance(Idle - TimeSpan.FromTicks(1));
        Assert.False(_page.Housekeep(Quiet, Idle).Unloaded);
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(_page.Housekeep(Quiet, Idle).Unloaded);
    }

    [Fact]
    public void An_idle_page_with_a_log_goes_compacting_once_before_it_unloads()
    {
        Load();
        _page.Apply(1, PagesHarness.Type(new YDoc(), "a"), NullLogger.Instance);
        _clock.Advance(Idle);

        var first = _page.Housekeep(Quiet, Idle);
        Assert.Equal((true, false, LivePageState.Compacting), (first.Compact, first.Unloaded, _page.State));
        // The compaction failed: the log is kept, and the page unloads anyway rather than staying in memory.
        _page.EndCompaction();
        var second = _page.Housekeep(Quiet, Idle);
        Assert.Equal((false, true, LivePageState.Unloaded), (second.Compact, second.Unloaded, _page.State));
    }

    [Fact]
    public void A_loading_page_is_never_unloaded()
    {
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.False(_page.Housekeep(Quiet, Idle).Unloaded);
        Assert.Equal(LivePageState.Loading, _page.State);
    }
}
