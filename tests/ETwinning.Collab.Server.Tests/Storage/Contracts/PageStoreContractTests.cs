using ETwinning.Collab.Server.Features.Pages;

namespace ETwinning.Collab.Server.Tests.Storage.Contracts;

/// <summary>What the pages feature relies on from any <see cref="IPageStore"/>: per-page update sequences, the log
/// after a sequence, compaction as one atomic compare-and-set, version pruning, durability and isolation.</summary>
public abstract class PageStoreContractTests : StoreContract<IPageStore>
{
    private static readonly DateTime At = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static byte[] Bytes(long n) => BitConverter.GetBytes(n);

    private async Task AppendAsync(string twinSpaceId, string pageId, int count)
    {
        for (var i = 0; i < count; i++) await Store.AppendAsync(twinSpaceId, pageId, Bytes(i + 1), At);
    }

    private static Page NewPage(string twinSpaceId, string id, int position = 0) => new()
    {
        Id = id, TwinSpaceId = twinSpaceId, Title = $"Page {id}", CreatedBy = "author", Position = position, CreatedAt = At, UpdatedAt = At,
    };

    [Fact]
    public async Task Concurrent_appends_get_gap_free_unique_sequences_per_page()
    {
        var space = NewTwinSpaceId();
        var sequences = await Task.WhenAll(Enumerable.Range(1, 200).Select(i => Store.AppendAsync(space, "page", Bytes(i), At)));
        await Store.AppendAsync(space, "other", Bytes(0), At);

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), sequences.Order());
        Assert.Equal(200, (await Store.HeadAsync(space, "page"))!.LastSequence);
        Assert.Equal(1, (await Store.HeadAsync(space, "other"))!.LastSequence);
        // Each entry holds the bytes of the append that got its sequence.
        var log = await Store.LogAsync(space, "page");
        Assert.All(log, entry => Assert.Equal(Bytes(Array.IndexOf(sequences, entry.Sequence) + 1), entry.Update));
    }

    [Fact]
    public async Task The_log_after_a_sequence_holds_exactly_the_later_entries_in_order()
    {
        var space = NewTwinSpaceId();
        await AppendAsync(space, "page", 10);

        var later = await Store.LogAsync(space, "page", afterSequence: 4);
        Assert.Equal([5L, 6, 7, 8, 9, 10], later.Select(e => e.Sequence));
        Assert.Equal(later.Select(e => Bytes(e.Sequence)), later.Select(e => e.Update));
        Assert.All(later, e => Assert.Equal("page", e.PageId));
        Assert.Equal(10, (await Store.LogAsync(space, "page")).Count);
        Assert.Empty(await Store.LogAsync(space, "page", afterSequence: 10));
        Assert.Empty(await Store.LogAsync(space, "unknown"));
        Assert.Null(await Store.HeadAsync(space, "unknown"));
    }

    [Fact]
    public async Task Replacing_the_snapshot_deletes_exactly_the_covered_entries_in_the_same_write()
    {
        var space = NewTwinSpaceId();
        await AppendAsync(space, "page", 6);
        await AppendAsync(space, "neighbour", 3);

        Assert.True(await Store.TryReplaceSnapshotAsync(space, "page", [1, 2, 3], compactedThrough: 4, expectedCompactedThrough: 0));

        var head = (await Store.HeadAsync(space, "page"))!;
        Assert.Equal([1, 2, 3], head.Snapshot);
        Assert.Equal(4, head.CompactedThrough);
        Assert.Equal(6, head.LastSequence);
        Assert.Equal([5L, 6], (await Store.LogAsync(space, "page")).Select(e => e.Sequence));
        Assert.Equal(3, (await Store.LogAsync(space, "neighbour")).Count);
        // Sequences go on after a compaction; a later one replaces the snapshot again.
        Assert.Equal(7, await Store.AppendAsync(space, "page", Bytes(7), At));
        Assert.True(await Store.TryReplaceSnapshotAsync(space, "page", [4], compactedThrough: 6, expectedCompactedThrough: 4));
        Assert.Equal([7L], (await Store.LogAsync(space, "page")).Select(e => e.Sequence));
        Assert.Equal([4], (await Store.HeadAsync(space, "page"))!.Snapshot);
    }

    [Fact]
    public async Task A_replacement_that_lost_the_race_changes_nothing()
    {
        var space = NewTwinSpaceId();
        await AppendAsync(space, "page", 6);
        Assert.True(await Store.TryReplaceSnapshotAsync(space, "page", [1], compactedThrough: 3, expectedCompactedThrough: 0));

        // Another node compacted first (stale expectation), or the replacement would not move forward.
        Assert.False(await Store.TryReplaceSnapshotAsync(space, "page", [2], compactedThrough: 5, expectedCompactedThrough: 0));
        Assert.False(await Store.TryReplaceSnapshotAsync(space, "page", [3], compactedThrough: 3, expectedCompactedThrough: 3));

        var head = (await Store.HeadAsync(space, "page"))!;
        Assert.Equal([1], head.Snapshot);
        Assert.Equal(3, head.CompactedThrough);
        Assert.Equal([4L, 5, 6], (await Store.LogAsync(space, "page")).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Concurrent_replacements_with_the_same_expectation_let_exactly_one_through()
    {
        var space = NewTwinSpaceId();
        await AppendAsync(space, "page", 8);

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(through =>
            Store.TryReplaceSnapshotAsync(space, "page", [(byte)through], through, expectedCompactedThrough: 0)));

        var winner = Array.IndexOf(results, true) + 1;
        Assert.Single(results, won => won);
        var head = (await Store.HeadAsync(space, "page"))!;
        Assert.Equal(winner, head.CompactedThrough);
        Assert.Equal([(byte)winner], head.Snapshot);
        Assert.Equal(Enumerable.Range(winner + 1, 8 - winner).Select(i => (long)i), (await Store.LogAsync(space, "page")).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Log_snapshot_and_pages_survive_a_restart()
    {
        var space = NewTwinSpaceId();
        await Store.AddAsync(NewPage(space, "page"));
        await AppendAsync(space, "page", 5);
        await Store.TryReplaceSnapshotAsync(space, "page", [9, 9], compactedThrough: 2, expectedCompactedThrough: 0);

        await RestartAsync();

        var head = (await Store.HeadAsync(space, "page"))!;
        Assert.Equal((2L, 5L), (head.CompactedThrough, head.LastSequence));
        Assert.Equal([9, 9], head.Snapshot);
        Assert.Equal([3L, 4, 5], (await Store.LogAsync(space, "page")).Select(e => e.Sequence));
        Assert.Equal(6, await Store.AppendAsync(space, "page", Bytes(6), At));
        Assert.Equal("Page page", (await Store.FindAsync(space, "page"))!.Title);
    }

    [Fact]
    public async Task Pages_are_added_found_and_replaced()
    {
        var space = NewTwinSpaceId();
        await Store.AddAsync(NewPage(space, "a"));
        await Store.AddAsync(NewPage(space, "b", position: 1));
        Assert.Equal(["a", "b"], (await Store.PagesAsync(space)).Select(p => p.Id).Order());

        await Store.UpdateAsync(NewPage(space, "a") with { Title = "Renamed", DeletedAt = At, EditorIds = ["x"] });
        // Replacing a page that is not stored does not store it.
        await Store.UpdateAsync(NewPage(space, "ghost"));

        var a = (await Store.FindAsync(space, "a"))!;
        Assert.Equal(("Renamed", true, "x"), (a.Title, a.IsDeleted, a.EditorIds.Single()));
        Assert.Null(await Store.FindAsync(space, "ghost"));
        Assert.Equal(["a", "b"], (await Store.PagesAsync(space)).Select(p => p.Id).Order());
        Assert.Equal("Renamed", (await Store.PagesAsync(space)).Single(p => p.Id == "a").Title);
        await Assert.ThrowsAnyAsync<Exception>(() => Store.AddAsync(NewPage(space, "b") with { Title = "Duplicate" }));
        Assert.Equal("Page b", (await Store.FindAsync(space, "b"))!.Title);
    }

    [Fact]
    public async Task Update_many_is_seen_all_at_once()
    {
        var space = NewTwinSpaceId();
        const int count = 200;
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => Store.AddAsync(NewPage(space, $"p{i:D3}", position: 0))));
        await Store.PagesAsync(space);

        var moved = Enumerable.Range(0, count).Select(i => NewPage(space, $"p{i:D3}", position: 1)).ToList();
        var write = Store.UpdateManyAsync(space, moved);
        var seen = new List<int>();
        while (!write.IsCompleted) seen.Add((await Store.PagesAsync(space)).Count(p => p.Position == 1));
        await write;
        seen.Add((await Store.PagesAsync(space)).Count(p => p.Position == 1));

        Assert.Empty(seen.Where(movedCount => movedCount is not 0 and not count).Distinct());
        Assert.Equal(count, seen[^1]);
    }

    [Fact]
    public async Task Only_the_newest_automatic_versions_are_kept_and_named_ones_always()
    {
        var space = NewTwinSpaceId();
        PageVersion Version(int minute, bool automatic, string page = "page") => new()
        {
            Id = $"{page}-v{minute}", PageId = page, IsAutomatic = automatic, Name = automatic ? null : "named",
            CreatedAt = At.AddMinutes(minute), Content = [0, 0],
        };
        await Store.AddVersionAsync(space, Version(0, automatic: false));
        for (var minute = 1; minute <= 5; minute++) await Store.AddAutomaticVersionAsync(space, Version(minute, automatic: true), keep: 3);
        // Another page's versions neither count nor get pruned.
        await Store.AddAutomaticVersionAsync(space, Version(0, automatic: true, page: "other"), keep: 3);

        Assert.Equal(["page-v0", "page-v3", "page-v4", "page-v5"], (await Store.VersionsAsync(space, "page")).Select(v => v.Id).Order());
        Assert.Equal(["other-v0"], (await Store.VersionsAsync(space, "other")).Select(v => v.Id));
        await RestartAsync();
        Assert.Equal("named", (await Store.FindVersionAsync(space, "page", "page-v0"))!.Name);
        Assert.Null(await Store.FindVersionAsync(space, "other", "page-v0"));
        Assert.Null(await Store.FindVersionAsync(space, "page", "page-v1"));
    }

    [Fact]
    public async Task TwinSpaces_do_not_see_each_other()
    {
        var first = NewTwinSpaceId();
        var second = NewTwinSpaceId();
        await Store.AddAsync(NewPage(first, "page"));
        await AppendAsync(first, "page", 3);
        await Store.AddVersionAsync(first, new PageVersion { Id = "v", PageId = "page", Content = [1] });

        Assert.Equal(1, await Store.AppendAsync(second, "page", Bytes(1), At));
        Assert.Empty(await Store.PagesAsync(second));
        Assert.Null(await Store.FindAsync(second, "page"));
        Assert.Single(await Store.LogAsync(second, "page"));
        Assert.Empty(await Store.VersionsAsync(second, "page"));
        Assert.True(await Store.TryReplaceSnapshotAsync(second, "page", [7], compactedThrough: 1, expectedCompactedThrough: 0));
        Assert.Equal(3, (await Store.LogAsync(first, "page")).Count);
        Assert.Equal(0, (await Store.HeadAsync(first, "page"))!.CompactedThrough);
    }

    [Fact]
    public async Task A_cancelled_call_does_nothing()
    {
        var space = NewTwinSpaceId();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.AppendAsync(space, "page", Bytes(1), At, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.PagesAsync(space, cancelled.Token));
        Assert.Null(await Store.HeadAsync(space, "page"));
    }
}
