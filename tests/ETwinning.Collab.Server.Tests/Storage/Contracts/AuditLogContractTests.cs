using ETwinning.Collab.Server.Features.Audit;

namespace ETwinning.Collab.Server.Tests.Storage.Contracts;

/// <summary>What the audit log relies on from any <see cref="IAuditLog"/>: unique ascending sequences, newest-first paging.</summary>
public abstract class AuditLogContractTests : StoreContract<IAuditLog>
{
    [Fact]
    public async Task Concurrent_appends_get_unique_sequences_and_page_newest_first_without_gaps_or_repeats()
    {
        var twinSpace = NewTwinSpaceId();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => Store.AppendAsync(twinSpace, Entry($"e{i}")))));

        var seen = new List<AuditEntry>();
        for (long? before = null; ;)
        {
            var page = await Store.ReadAsync(twinSpace, before, 30);
            if (page.Count == 0) break;
            Assert.True(page.Count <= 30);
            seen.AddRange(page);
            before = page[^1].Id;
        }
        Assert.Equal(200, seen.Count);
        Assert.Equal(seen.Select(e => e.Id).OrderDescending(), seen.Select(e => e.Id));
        Assert.Equal(200, seen.Select(e => e.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"e{i}").Order(), seen.Select(e => e.Detail).Order());
    }

    [Fact]
    public async Task Entries_read_back_as_appended_newest_first()
    {
        var twinSpace = NewTwinSpaceId();
        var at = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        await Store.AppendAsync(twinSpace, AuditEntry.Of(at, "t1", "Teacher", AuditActions.RoleChanged, "p1", "pupil -> observer"));
        await Store.AppendAsync(twinSpace, Entry("second"));
        await Store.AppendAsync(twinSpace, Entry("third"));

        var all = await Store.ReadAsync(twinSpace, null, 10);
        var two = await Store.ReadAsync(twinSpace, null, 2);

        Assert.Equal(["third", "second", "pupil -> observer"], all.Select(e => e.Detail));
        Assert.Equal(["third", "second"], two.Select(e => e.Detail));
        Assert.Equal(["pupil -> observer"], (await Store.ReadAsync(twinSpace, two[^1].Id, 10)).Select(e => e.Detail));
        var first = all[^1];
        Assert.Equal((at, "t1", "Teacher", AuditActions.RoleChanged, "p1"), (first.At, first.ActorId, first.ActorName, first.Action, first.TargetId));
    }

    [Fact]
    public async Task Entries_survive_a_restart_and_later_ones_sort_after_them()
    {
        var twinSpace = NewTwinSpaceId();
        await Store.AppendAsync(twinSpace, Entry("before"));

        await RestartAsync();
        await Store.AppendAsync(twinSpace, Entry("after"));

        Assert.Equal(["after", "before"], (await Store.ReadAsync(twinSpace, null, 10)).Select(e => e.Detail));
    }

    [Fact]
    public async Task TwinSpaces_are_isolated()
    {
        var one = NewTwinSpaceId();
        var other = NewTwinSpaceId();
        await Store.AppendAsync(one, Entry("one"));

        Assert.Empty(await Store.ReadAsync(other, null, 10));
        Assert.Single(await Store.ReadAsync(one, null, 10));
    }

    private static AuditEntry Entry(string detail) =>
        AuditEntry.Of(DateTime.UtcNow, "actor", "Actor", AuditActions.TwinSpaceUpdated, null, detail);
}
