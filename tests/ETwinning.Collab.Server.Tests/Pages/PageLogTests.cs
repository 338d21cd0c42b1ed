using ETwinning.Collab.Server.Features.Pages;
using LiteDB;

namespace ETwinning.Collab.Server.Tests.Pages;

/// <summary>
/// The LiteDB page log is keyed by position and found by page through memory (<see cref="LiteDbPageLog"/>). These
/// tests cross restarts, idle closes, rolled-back batches, compactions and files of the first layout (keyed by page,
/// with a counter per page), and check that every page's log is complete, in order, and that sequences go on
/// without gaps or doubles.
/// </summary>
public sealed class PageLogTests : IAsyncLifetime
{
    private const string TwinSpaceId = "ts1";
    private static readonly string[] PageIds = ["p1", "p2", "p3"];
    private readonly TestStorage _storage = new();
    private LiteDbPageStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new LiteDbPageStore(_storage.Files);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Appends_of_several_pages_at_once_are_found_by_page_after_a_restart_and_go_on_from_there()
    {
        await AppendAsync(0, 300);
        await AssertLogsAsync(100);

        await RestartAsync();
        await AssertLogsAsync(100);
        Assert.Equal(101, await _store.AppendAsync(TwinSpaceId, "p2", Update(300), DateTime.UtcNow));
        Assert.Equal(101, (await _store.HeadAsync(TwinSpaceId, "p2"))!.LastSequence);
        Assert.Equal(100, (await _store.HeadAsync(TwinSpaceId, "p1"))!.LastSequence);
    }

    [Fact]
    public async Task A_compacted_page_continues_after_its_snapshot_after_a_restart()
    {
        await AppendAsync(0, 120);
        Assert.True(await _store.TryReplaceSnapshotAsync(TwinSpaceId, "p1", [1, 2, 3], compactedThrough: 20, expectedCompactedThrough: 0));
        Assert.Equal(Range(21, 20), (await _store.LogAsync(TwinSpaceId, "p1")).Select(entry => entry.Sequence));

        // The whole log compacted: only the head knows how far the page got.
        Assert.True(await _store.TryReplaceSnapshotAsync(TwinSpaceId, "p1", [4, 5], compactedThrough: 20, expectedCompactedThrough: 20) is false);
        Assert.True(await _store.TryReplaceSnapshotAsync(TwinSpaceId, "p1", [4, 5], compactedThrough: 20 + 20, expectedCompactedThrough: 20));
        Assert.Empty(await _store.LogAsync(TwinSpaceId, "p1"));
        await RestartAsync();

        Assert.Empty(await _store.LogAsync(TwinSpaceId, "p1"));
        Assert.Equal(41, await _store.AppendAsync(TwinSpaceId, "p1", Update(1000), DateTime.UtcNow));
        var head = (await _store.HeadAsync(TwinSpaceId, "p1"))!;
        Assert.Equal((40L, 41L), (head.CompactedThrough, head.LastSequence));
        Assert.Equal(Range(1, 40), (await _store.LogAsync(TwinSpaceId, "p2")).Select(entry => entry.Sequence));
    }

    [Fact]
    public async Task The_file_closing_when_idle_loses_nothing()
    {
        await AppendAsync(0, 90);
        await _storage.CloseWhenIdleAsync(TwinSpaceId);
        Assert.False(_storage.Files.ForTwinSpace(TwinSpaceId).IsOpen);

        await AssertLogsAsync(30);
        Assert.Equal(31, await _store.AppendAsync(TwinSpaceId, "p3", Update(90), DateTime.UtcNow));
    }

    [Fact]
    public async Task A_batch_that_rolls_back_leaves_sequences_without_gaps_or_doubles()
    {
        await AppendAsync(0, 30);
        var file = _storage.Files.ForTwinSpace(TwinSpaceId);

        // Appends and one failing write share batches: a rolled-back batch is redone write by write, with the log's
        // memory rebuilt from the file.
        var appends = Enumerable.Range(30, 300).Select(i => _store.AppendAsync(TwinSpaceId, PageIds[i % 3], Update(i), DateTime.UtcNow)).ToList();
        var failing = file.WriteAsync(_ => throw new InvalidOperationException("a write that fails"));
        var more = Enumerable.Range(330, 300).Select(i => _store.AppendAsync(TwinSpaceId, PageIds[i % 3], Update(i), DateTime.UtcNow)).ToList();

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        await Task.WhenAll(appends.Concat(more));
        await AssertLogsAsync(210);
        await RestartAsync();
        await AssertLogsAsync(210);
    }

    [Fact]
    public async Task A_file_of_the_first_layout_is_read_appended_to_compacted_and_exported()
    {
        // As the first layout wrote it: entries keyed "page:sequence", a counter per page, a head for a compacted page.
        var file = _storage.Files.ForTwinSpace(TwinSpaceId);
        await file.WriteAsync(db =>
        {
            var old = db.GetCollection<PageUpdateRecord>(LiteDbPageLog.FirstLayoutCollection);
            for (var sequence = 1; sequence <= 5; sequence++)
                old.Insert(new PageUpdateRecord { Id = PageUpdateRecord.KeyOf("p1", sequence), PageId = "p1", Sequence = sequence, Update = Update(sequence), CreatedAt = DateTime.UtcNow });
            db.GetCollection(LiteDbPageLog.FirstLayoutCountersCollection).Insert(new BsonDocument { ["_id"] = "p1", ["LastSequence"] = 5L });
            db.GetCollection<PageDocumentHead>(LiteDbPageLog.HeadsCollection).Insert(new PageDocumentHead { Id = "p2", LastSequence = 7, CompactedThrough = 7, Snapshot = [9] });
        });
        await RestartAsync();

        Assert.Equal(Range(1, 5), (await _store.LogAsync(TwinSpaceId, "p1")).Select(entry => entry.Sequence));
        Assert.Equal(5, (await _store.HeadAsync(TwinSpaceId, "p1"))!.LastSequence);
        Assert.Equal(6, await _store.AppendAsync(TwinSpaceId, "p1", Update(6), DateTime.UtcNow));
        Assert.Equal(8, await _store.AppendAsync(TwinSpaceId, "p2", Update(8), DateTime.UtcNow));
        var log = await _store.LogAsync(TwinSpaceId, "p1", afterSequence: 3);
        Assert.Equal(Range(4, 3), log.Select(entry => entry.Sequence));
        Assert.Equal(Update(6), log[^1].Update);

        var exported = await _store.ExportAsync().ToListAsync();
        Assert.Equal(Range(1, 6), exported.Where(r => r.Kind == PageTransfer.Update).Select(r => (PageUpdateRecord)r.Record).Where(u => u.PageId == "p1").Select(u => u.Sequence));
        Assert.Contains(exported, r => r.Record is PageDocumentHead { Id: "p1", LastSequence: 6 });

        // A compaction deletes old and new entries alike.
        Assert.True(await _store.TryReplaceSnapshotAsync(TwinSpaceId, "p1", [1], compactedThrough: 6, expectedCompactedThrough: 0));
        await RestartAsync();
        Assert.Empty(await _store.LogAsync(TwinSpaceId, "p1"));
        Assert.Equal(0, file.Read(db => db.GetCollection(LiteDbPageLog.FirstLayoutCollection).Count()));
        Assert.Equal(7, await _store.AppendAsync(TwinSpaceId, "p1", Update(7), DateTime.UtcNow));
    }

    [Fact]
    public async Task An_import_continues_after_the_imported_log_and_a_resumed_import_adds_nothing()
    {
        await AppendAsync(0, 30);
        var exported = await _store.ExportAsync().ToListAsync();
        var target = new TestStorage();
        await using var _ = target;
        var copy = new LiteDbPageStore(target.Files);

        await copy.ImportAsync(exported);
        await copy.ImportAsync(exported);

        foreach (var pageId in PageIds)
            Assert.Equal(Range(1, 10), (await copy.LogAsync(TwinSpaceId, pageId)).Select(entry => entry.Sequence));
        Assert.Equal(11, await copy.AppendAsync(TwinSpaceId, "p1", Update(99), DateTime.UtcNow));
    }

    /// <summary>Update i goes to page i % 3, 100 at a time, all in flight together.</summary>
    private async Task AppendAsync(int from, int count)
    {
        for (var start = from; start < from + count; start += 100)
            await Task.WhenAll(Enumerable.Range(start, Math.Min(100, from + count - start))
                .Select(i => _store.AppendAsync(TwinSpaceId, PageIds[i % 3], Update(i), DateTime.UtcNow)));
    }

    private async Task AssertLogsAsync(int perPage)
    {
        foreach (var pageId in PageIds)
        {
            var log = await _store.LogAsync(TwinSpaceId, pageId);
            Assert.Equal(Range(1, perPage), log.Select(entry => entry.Sequence));
            Assert.All(log, entry => Assert.Equal(pageId, entry.PageId));
            // Each update is the one sent to this page (update i went to page i % 3).
            Assert.All(log, entry => Assert.Equal(Array.IndexOf(PageIds, pageId), BitConverter.ToInt32(entry.Update) % 3));
            Assert.Equal(perPage, (await _store.HeadAsync(TwinSpaceId, pageId))!.LastSequence);
            Assert.Equal(Range(perPage - 4, 5), (await _store.LogAsync(TwinSpaceId, pageId, perPage - 5)).Select(entry => entry.Sequence));
        }
    }

    private async Task RestartAsync()
    {
        await _storage.RestartAsync();
        _store = new LiteDbPageStore(_storage.Files);
    }

    private static IEnumerable<long> Range(int first, int count) => Enumerable.Range(first, count).Select(i => (long)i);

    private static byte[] Update(int i) => BitConverter.GetBytes(i);
}
