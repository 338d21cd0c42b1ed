using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Moderation;
using ETwinning.Collab.Server.Infrastructure;

namespace ETwinning.Collab.Server.Tests.Storage.Contracts;

/// <summary>What moderation relies on from any <see cref="IModerationStore"/>: word lists, one open item per content, resolution once, mutes.</summary>
public abstract class ModerationStoreContractTests : StoreContract<IModerationStore>
{
    [Fact]
    public async Task The_word_list_is_replaced_whole_and_kept_in_order()
    {
        var twinSpace = NewTwinSpaceId();
        Assert.Empty(await Store.WordListAsync(twinSpace));

        await Store.SetWordListAsync(twinSpace, [new("zebra", WordFilterAction.Mask), new("apple", WordFilterAction.Block)]);
        await Store.SetWordListAsync(twinSpace, [new("secret", WordFilterAction.HoldForReview), new("alpha", WordFilterAction.Mask)]);

        Assert.Equal([new WordFilterRule("secret", WordFilterAction.HoldForReview), new WordFilterRule("alpha", WordFilterAction.Mask)],
            await Store.WordListAsync(twinSpace));
    }

    [Fact]
    public async Task Concurrent_reports_of_one_content_make_one_open_item_with_each_reporter_once()
    {
        var twinSpace = NewTwinSpaceId();

        var stored = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => Store.AddOrMergeReviewItemAsync(twinSpace, Report("chat.message|a|1", $"reporter{i % 10}")))));

        var item = Assert.Single(await Store.ReviewItemsAsync(twinSpace, null, openOnly: false, limit: 100));
        Assert.All(stored, s => Assert.Equal(item.Id, s.Id));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"reporter{i}").Order(), item.ReporterIds.Order());
        Assert.Equal(10, item.Reports.Count);
        Assert.True(await Store.HasOpenReviewItemAsync(twinSpace, "chat.message|a|1"));
        Assert.False(await Store.HasOpenReviewItemAsync(twinSpace, "chat.message|a|2"));
    }

    [Fact]
    public async Task An_item_resolves_once_and_a_later_report_opens_a_new_one()
    {
        var twinSpace = NewTwinSpaceId();
        var item = await Store.AddOrMergeReviewItemAsync(twinSpace, Report("forum.post|t|p", "r1"));
        var resolved = item with { State = ReviewState.Removed, ResolvedBy = "teacher", ResolvedAt = DateTime.UtcNow };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => Store.TryResolveReviewItemAsync(twinSpace, resolved))));
        var again = await Store.AddOrMergeReviewItemAsync(twinSpace, Report("forum.post|t|p", "r2"));

        Assert.Single(outcomes, won => won);
        Assert.Equal(ReviewState.Removed, (await Store.FindReviewItemAsync(twinSpace, item.Id))!.State);
        Assert.NotEqual(item.Id, again.Id);
        Assert.False(await Store.TryResolveReviewItemAsync(twinSpace, resolved with { Id = "missing" }));
        Assert.Null(await Store.FindReviewItemAsync(twinSpace, "missing"));
    }

    [Fact]
    public async Task Review_items_page_oldest_first_by_kind_and_state()
    {
        var twinSpace = NewTwinSpaceId();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 6; i++)
            await Store.AddOrMergeReviewItemAsync(twinSpace, Report($"{(i % 2 == 0 ? "chat.message" : "forum.post")}|c|{i}", "r") with
            {
                ContentKind = i % 2 == 0 ? "chat.message" : "forum.post", CreatedAt = start.AddMinutes(10 - i),
            });
        var chat = await Store.ReviewItemsAsync(twinSpace, "chat.message", openOnly: true, limit: 10);
        await Store.TryResolveReviewItemAsync(twinSpace, chat[0] with { State = ReviewState.Approved });

        Assert.Equal(["chat.message|c|4", "chat.message|c|2", "chat.message|c|0"], chat.Select(i => i.ContentKey));
        Assert.Equal(["chat.message|c|2", "chat.message|c|0"], (await Store.ReviewItemsAsync(twinSpace, "chat.message", true, 10)).Select(i => i.ContentKey));
        Assert.Equal(3, (await Store.ReviewItemsAsync(twinSpace, "chat.message", false, 10)).Count);
        Assert.Equal(["forum.post|c|5", "chat.message|c|4"], (await Store.ReviewItemsAsync(twinSpace, null, false, 2)).Select(i => i.ContentKey));
    }

    [Fact]
    public async Task Mutes_replace_per_scope_and_member_and_can_be_removed()
    {
        var twinSpace = NewTwinSpaceId();
        await Store.SetMuteAsync(twinSpace, MuteOf("chat:a", "pupil1", "first"));
        await Store.SetMuteAsync(twinSpace, MuteOf("chat:a", "pupil1", "second"));
        await Store.SetMuteAsync(twinSpace, MuteOf("chat:b", "pupil1", "other scope"));
        await Store.SetMuteAsync(twinSpace, MuteOf("chat:a", "pupil2", "other member"));

        Assert.Equal("second", (await Store.FindMuteAsync(twinSpace, "chat:a", "pupil1"))!.Reason);
        Assert.Equal(3, (await Store.MutesAsync(twinSpace)).Count);
        await Store.RemoveMuteAsync(twinSpace, "chat:a", "pupil1");
        await Store.RemoveMuteAsync(twinSpace, "chat:a", "nobody");
        Assert.Null(await Store.FindMuteAsync(twinSpace, "chat:a", "pupil1"));
        Assert.Equal(["chat:a", "chat:b"], (await Store.MutesAsync(twinSpace)).Select(m => m.Scope).Order());
    }

    [Fact]
    public async Task Everything_survives_a_restart()
    {
        var twinSpace = NewTwinSpaceId();
        await Store.SetWordListAsync(twinSpace, [new("secret", WordFilterAction.HoldForReview)]);
        var item = await Store.AddOrMergeReviewItemAsync(twinSpace, Report("chat.message|a|1", "r1"));
        await Store.SetMuteAsync(twinSpace, MuteOf("chat:a", "pupil1", "kept"));
        await Store.SetMuteAsync(twinSpace, MuteOf("chat:a", "pupil2", "removed"));
        await Store.RemoveMuteAsync(twinSpace, "chat:a", "pupil2");

        await RestartAsync();

        Assert.Equal([new WordFilterRule("secret", WordFilterAction.HoldForReview)], await Store.WordListAsync(twinSpace));
        Assert.Equal(item.Id, (await Store.AddOrMergeReviewItemAsync(twinSpace, Report("chat.message|a|1", "r2"))).Id);
        Assert.Equal(["r1", "r2"], (await Store.FindReviewItemAsync(twinSpace, item.Id))!.ReporterIds);
        Assert.Equal("kept", (await Store.FindMuteAsync(twinSpace, "chat:a", "pupil1"))!.Reason);
        Assert.Null(await Store.FindMuteAsync(twinSpace, "chat:a", "pupil2"));
    }

    [Fact]
    public async Task TwinSpaces_are_isolated()
    {
        var one = NewTwinSpaceId();
        var other = NewTwinSpaceId();
        await Store.SetWordListAsync(one, [new("secret", WordFilterAction.Block)]);
        var item = await Store.AddOrMergeReviewItemAsync(one, Report("chat.message|a|1", "r1"));
        await Store.SetMuteAsync(one, MuteOf("chat:a", "pupil1", "x"));

        Assert.Empty(await Store.WordListAsync(other));
        Assert.False(await Store.HasOpenReviewItemAsync(other, "chat.message|a|1"));
        Assert.Null(await Store.FindReviewItemAsync(other, item.Id));
        Assert.Empty(await Store.ReviewItemsAsync(other, null, false, 10));
        Assert.Null(await Store.FindMuteAsync(other, "chat:a", "pupil1"));
        Assert.Empty(await Store.MutesAsync(other));
    }

    private static ReviewItem Report(string contentKey, string reporterId)
    {
        var parts = contentKey.Split('|');
        return new ReviewItem
        {
            Id = Ids.New(), ContentKind = parts[0], ContainerId = parts[1], ContentId = parts[2], ContentKey = contentKey,
            AuthorId = "pupil", AuthorName = "Pupil", Excerpt = "text", Reason = ReviewReason.Reported,
            Reports = [$"{reporterId}: odd"], ReporterIds = [reporterId], CreatedAt = DateTime.UtcNow,
        };
    }

    private static Mute MuteOf(string scope, string accountId, string reason) => new()
    {
        Id = Mute.KeyOf(scope, accountId), Scope = scope, AccountId = accountId,
        Until = DateTime.UtcNow.AddMinutes(30), Reason = reason, MutedBy = "teacher",
    };
}
