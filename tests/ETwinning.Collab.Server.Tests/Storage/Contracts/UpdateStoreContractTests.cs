using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Updates;
using ETwinning.Collab.Server.Infrastructure;

namespace ETwinning.Collab.Server.Tests.Storage.Contracts;

/// <summary>
/// What every <see cref="IUpdateStore"/> must do: one gap-free sequence per feed (TwinSpace and kind), also under
/// concurrent appends; retries with the same client id return the stored entry; newest-first paging without deleted
/// entries; compare-and-set replaces; durability across a restart; nothing of one TwinSpace or feed in another.
/// </summary>
public abstract class UpdateStoreContractTests : StoreContract<IUpdateStore>
{
    private const int Concurrent = 200;

    [Fact]
    public async Task Concurrent_appends_get_the_numbers_one_to_n_once_each()
    {
        var twinSpaceId = NewTwinSpaceId();

        var stored = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(i =>
            Task.Run(() => Store.AppendAsync(Entry(twinSpaceId, UpdateKind.Journal, $"c{i}")))));

        Assert.Equal(Enumerable.Range(1, Concurrent).Select(i => (long)i), stored.Select(e => e.Sequence).Order());
        Assert.All(stored, entry => Assert.Equal(1, entry.Version));
    }

    [Fact]
    public async Task Each_feed_counts_on_its_own_and_TwinSpaces_do_not_see_each_other()
    {
        var first = NewTwinSpaceId();
        var second = NewTwinSpaceId();

        var journal = await Store.AppendAsync(Entry(first, UpdateKind.Journal, "a"));
        var bulletin = await Store.AppendAsync(Entry(first, UpdateKind.Bulletin, "b"));
        var other = await Store.AppendAsync(Entry(second, UpdateKind.Journal, "c"));

        Assert.Equal([1L, 1L, 1L], [journal.Sequence, bulletin.Sequence, other.Sequence]);
        Assert.Equal(["a"], (await Store.ListAsync(first, UpdateKind.Journal, null, 10)).Select(e => e.ClientId));
        Assert.Equal(["b"], (await Store.ListAsync(first, UpdateKind.Bulletin, null, 10)).Select(e => e.ClientId));
        Assert.Equal(["c"], (await Store.ListAsync(second, UpdateKind.Journal, null, 10)).Select(e => e.ClientId));
        Assert.Null(await Store.FindAsync(second, UpdateKind.Bulletin, 1));
    }

    [Fact]
    public async Task A_retry_with_the_same_author_and_client_id_returns_the_stored_entry()
    {
        var twinSpaceId = NewTwinSpaceId();
        var first = await Store.AppendAsync(Entry(twinSpaceId, UpdateKind.Bulletin, "same", author: "fox", title: "First"));

        var retry = await Store.AppendAsync(Entry(twinSpaceId, UpdateKind.Bulletin, "same", author: "fox", title: "Second"));
        var otherAuthor = await Store.AppendAsync(Entry(twinSpaceId, UpdateKind.Bulletin, "same", author: "owl"));

        Assert.Equal(first, retry);
        Assert.Equal(2, otherAuthor.Sequence);
        Assert.Equal(2, (await Store.ListAsync(twinSpaceId, UpdateKind.Bulletin, null, 10)).Count);
    }

    [Fact]
    public async Task Lists_are_newest_first_page_by_sequence_and_leave_out_deleted_entries()
    {
        var twinSpaceId = NewTwinSpaceId();
        for (var i = 1; i <= 5; i++) await Store.AppendAsync(Entry(twinSpaceId, UpdateKind.Journal, $"c{i}"));
        var third = (await Store.FindAsync(twinSpaceId, UpdateKind.Journal, 3))!;
        Assert.NotNull(await Store.TryReplaceAsync(third with { IsDeleted = true }, third.Version));

        Assert.Equal([5L, 4L], (await Store.ListAsync(twinSpaceId, UpdateKind.Journal, null, 2)).Select(e => e.Sequence));
        Assert.Equal([4L, 2L, 1L], (await Store.ListAsync(twinSpaceId, UpdateKind.Journal, 5, 10)).Select(e => e.Sequence));
        Assert.True((await Store.FindAsync(twinSpaceId, UpdateKind.Journal, 3))!.IsDeleted);
    }

    [Fact]
    public async Task A_replace_wins_only_on_the_version_it_read()
    {
        var twinSpaceId = NewTwinSpaceId();
        var stored = await Store.AppendAsync(Entry(twinSpaceId, UpdateKind.Journal, "c"));

        var edited = await Store.TryReplaceAsync(stored with { Title = "Edited", AuthorId = "someone-else" }, stored.Version);
        var stale = await Store.TryReplaceAsync(stored with { Title = "Lost" }, stored.Version);

        Assert.NotNull(edited);
        Assert.Equal(("Edited", 2L, stored.AuthorId), (edited!.Title, edited.Version, edited.AuthorId));
        Assert.Null(stale);
        Assert.Equal("Edited", (await Store.FindAsync(twinSpaceId, UpdateKind.Journal, stored.Sequence))!.Title);
        Assert.Null(await Store.TryReplaceAsync(stored with { Sequence = 99 }, 1));
    }

    [Fact]
    public async Task Of_concurrent_replaces_on_one_version_exactly_one_wins()
    {
        var twinSpaceId = NewTwinSpaceId();
        var stored = await Store.AppendAsync(Entry(twinSpaceId, UpdateKind.Bulletin, "c"));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => Store.TryReplaceAsync(stored with { Title = $"T{i}" }, stored.Version))));

        Assert.Single(results, r => r is not null);
    }

    [Fact]
    public async Task Entries_survive_a_restart()
    {
        var twinSpaceId = NewTwinSpaceId();
        var stored = await Store.AppendAsync(Entry(twinSpaceId, UpdateKind.Journal, "c"));

        await RestartAsync();

        Assert.Equal(stored, await Store.FindAsync(twinSpaceId, UpdateKind.Journal, stored.Sequence));
        Assert.Equal(2, (await Store.AppendAsync(Entry(twinSpaceId, UpdateKind.Journal, "d"))).Sequence);
    }

    private static TwinSpaceUpdate Entry(string twinSpaceId, UpdateKind kind, string clientId, string author = "teacher", string title = "Title") => new()
    {
        Id = Ids.New(), TwinSpaceId = twinSpaceId, Kind = kind, ClientId = clientId, AuthorId = author, AuthorName = author,
        Title = title, Text = "Text", CreatedAt = new DateTime(2026, 3, 12, 9, 0, 0, DateTimeKind.Utc),
    };
}
