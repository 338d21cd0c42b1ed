using ETwinning.Collab.Crdt;
using ETwinning.Collab.Server.Features.Pages;

namespace ETwinning.Collab.Server.Tests.Pages;

public sealed class LiteDbPageStoreTests : IAsyncLifetime
{
    private readonly TestStorage _storage = new();
    private LiteDbPageStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new LiteDbPageStore(_storage.Files);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private static byte[] Edit(YDoc doc, string text)
    {
        byte[] update = [];
        doc.Updated += Capture;
        doc.GetText("t").Insert(doc.GetText("t").Length, text);
        doc.Updated -= Capture;
        return update;
        void Capture(object? sender, UpdateEventArgs e) => update = e.Update;
    }

    [Fact]
    public async Task Concurrent_appends_get_distinct_consecutive_sequences_per_page()
    {
        var doc = new YDoc();
        var updates = Enumerable.Range(0, 40).Select(i => Edit(doc, $"{i},")).ToList();
        var sequences = await Task.WhenAll(updates.Select(u => _store.AppendAsync("space", "page", u, DateTime.UtcNow)));
        await _store.AppendAsync("space", "other", updates[0], DateTime.UtcNow);

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), sequences.Order());
        Assert.Equal(40, _store.Head("space", "page")!.LastSequence);
        Assert.Equal(1, _store.Head("space", "other")!.LastSequence);
        Assert.Equal(Enumerable.Range(21, 20).Select(i => (long)i), _store.Log("space", "page", afterSequence: 20).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Compaction_replaces_exactly_the_given_entries_by_a_merged_snapshot()
    {
        var doc = new YDoc();
        for (var i = 0; i < 6; i++) await _store.AppendAsync("space", "page", Edit(doc, $"a{i}"), DateTime.UtcNow);
        var first = new YDoc();
        foreach (var entry in _store.Log("space", "page").Take(4)) first.ApplyUpdate(entry.Update);
        await _store.CompactAsync("space", "page", first.EncodeStateAsUpdate(), [1, 2, 3, 4]);
        // A second snapshot from another replica that never saw some of the first: both survive.
        var other = new YDoc();
        var late = Edit(other, "b");
        await _store.AppendAsync("space", "page", late, DateTime.UtcNow);
        await _store.CompactAsync("space", "page", other.EncodeStateAsUpdate(), [7]);

        var head = _store.Head("space", "page")!;
        Assert.Equal(7, head.CompactedThrough);
        Assert.Equal([5L, 6L], _store.Log("space", "page").Select(e => e.Sequence));
        var loaded = new YDoc();
        loaded.ApplyUpdate(head.Snapshot);
        foreach (var entry in _store.Log("space", "page")) loaded.ApplyUpdate(entry.Update);
        var expected = new YDoc();
        expected.ApplyUpdate(doc.EncodeStateAsUpdate());
        expected.ApplyUpdate(other.EncodeStateAsUpdate());
        Assert.Equal(expected.GetText("t").ToString(), loaded.GetText("t").ToString());
    }

    [Fact]
    public async Task Only_the_newest_automatic_versions_are_kept_and_named_ones_always()
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        PageVersion Version(int minute, bool automatic) => new()
        {
            Id = $"v{minute}", PageId = "page", IsAutomatic = automatic, Name = automatic ? null : "named",
            CreatedAt = start.AddMinutes(minute), Content = [0, 0],
        };
        await _store.AddVersionAsync("space", Version(0, automatic: false));
        for (var minute = 1; minute <= 5; minute++) await _store.AddAutomaticVersionAsync("space", Version(minute, automatic: true), keep: 3);

        Assert.Equal(["v0", "v3", "v4", "v5"], _store.Versions("space", "page").Select(v => v.Id).Order());
    }
}
