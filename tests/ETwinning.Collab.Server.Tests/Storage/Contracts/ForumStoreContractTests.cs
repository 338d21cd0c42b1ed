using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Forums;
using ETwinning.Collab.Server.Infrastructure;

namespace ETwinning.Collab.Server.Tests.Storage.Contracts;

/// <summary>What every <see cref="IForumStore"/> provider guarantees: numbering, versions, likes, locks, markers, order.</summary>
public abstract class ForumStoreContractTests : StoreContract<IForumStore>
{
    private static readonly DateTime Start = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_thread_starts_with_its_opening_post_numbered_one_and_counts_in_its_discussion()
    {
        var (space, discussion) = await DiscussionAsync();

        var (thread, opening) = await AddThreadAsync(space, discussion, Start.AddMinutes(1));

        Assert.Equal((1, 1L), (thread.LastNumber, thread.Version));
        Assert.Equal((1, 1L), (opening.Number, opening.Version));
        Assert.Equal(Start.AddMinutes(1), thread.LastActivityAt);
        var counted = (await Store.FindDiscussionAsync(space, discussion.Id))!;
        Assert.Equal(1, counted.ThreadCount);
        Assert.Equal(Start.AddMinutes(1), counted.LastActivityAt);
        Assert.Equal(opening.Id, (await Store.FindPostAsync(space, opening.Id))!.Id);
    }

    [Fact]
    public async Task Concurrent_replies_get_gap_free_unique_numbers_and_versions()
    {
        var (space, discussion) = await DiscussionAsync();
        var (thread, _) = await AddThreadAsync(space, discussion);

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Task.Run(() => Store.AddReplyAsync(space, Post(thread, $"author{i}", Start.AddSeconds(i)), evenIfLocked: false))));

        Assert.All(results, r => Assert.Equal(AddReplyOutcome.Added, r.Outcome));
        Assert.Equal(Enumerable.Range(2, 100), results.Select(r => r.Reply!.Number).Order());
        Assert.Equal(Enumerable.Range(2, 100).Select(v => (long)v), results.Select(r => r.Reply!.Version).Order());
        var stored = (await Store.FindThreadAsync(space, thread.Id))!;
        Assert.Equal((101, 101L, 100), (stored.LastNumber, stored.Version, stored.ReplyCount));
        var posts = await Store.PostsAsync(space, thread.Id, 0, 500);
        Assert.Equal(Enumerable.Range(1, 101), posts.Select(p => p.Number));
    }

    [Fact]
    public async Task A_locked_thread_refuses_replies_unless_even_if_locked_and_a_deleted_or_unknown_one_refuses_all()
    {
        var (space, discussion) = await DiscussionAsync();
        var (thread, _) = await AddThreadAsync(space, discussion);
        Assert.True((await Store.SetThreadLockedAsync(space, thread.Id, true))!.Locked);

        var refused = await Store.AddReplyAsync(space, Post(thread, "pupil"), evenIfLocked: false);
        var moderator = await Store.AddReplyAsync(space, Post(thread, "teacher"), evenIfLocked: true);
        await Store.SetThreadLockedAsync(space, thread.Id, false);
        var reopened = await Store.AddReplyAsync(space, Post(thread, "pupil"), evenIfLocked: false);

        Assert.Equal(AddReplyOutcome.ThreadLocked, refused.Outcome);
        Assert.Null(refused.Reply);
        Assert.Equal((AddReplyOutcome.Added, 2), (moderator.Outcome, moderator.Reply!.Number));
        Assert.Equal((AddReplyOutcome.Added, 3), (reopened.Outcome, reopened.Reply!.Number));
        Assert.Equal(3, (await Store.PostsAsync(space, thread.Id, 0, 10)).Count);

        await Store.DeleteThreadAsync(space, thread.Id);
        Assert.Equal(AddReplyOutcome.ThreadNotFound, (await Store.AddReplyAsync(space, Post(thread, "teacher"), evenIfLocked: true)).Outcome);
        var unknown = Post(thread, "pupil") with { ThreadId = Ids.New() };
        Assert.Equal(AddReplyOutcome.ThreadNotFound, (await Store.AddReplyAsync(space, unknown, evenIfLocked: true)).Outcome);
        Assert.Null(await Store.SetThreadLockedAsync(space, unknown.ThreadId, true));
        Assert.Null(await Store.SetThreadPinnedAsync(space, unknown.ThreadId, true));
        Assert.Null(await Store.DeleteThreadAsync(space, unknown.ThreadId));
    }

    [Fact]
    public async Task A_deleted_thread_leaves_the_list_and_counts_down_its_discussion_once()
    {
        var (space, discussion) = await DiscussionAsync();
        var (kept, _) = await AddThreadAsync(space, discussion);
        var (deleted, _) = await AddThreadAsync(space, discussion);

        Assert.True((await Store.DeleteThreadAsync(space, deleted.Id))!.Deleted);
        await Store.DeleteThreadAsync(space, deleted.Id);

        Assert.Equal([kept.Id], (await Store.ThreadsAsync(space, discussion.Id, 0, 10)).Select(t => t.Id));
        Assert.Equal(1, await Store.CountThreadsAsync(space, discussion.Id));
        Assert.Equal(1, (await Store.FindDiscussionAsync(space, discussion.Id))!.ThreadCount);
        Assert.True((await Store.FindThreadAsync(space, deleted.Id))!.Deleted);
    }

    [Fact]
    public async Task Threads_come_pinned_first_then_by_last_activity_and_page_by_offset()
    {
        var (space, discussion) = await DiscussionAsync();
        var (oldest, _) = await AddThreadAsync(space, discussion, Start.AddMinutes(1));
        var (middle, _) = await AddThreadAsync(space, discussion, Start.AddMinutes(2));
        var (newest, _) = await AddThreadAsync(space, discussion, Start.AddMinutes(3));
        var (pinned, _) = await AddThreadAsync(space, discussion, Start);
        await Store.SetThreadPinnedAsync(space, pinned.Id, true);
        // A reply is activity: the oldest thread moves to the top of the unpinned ones.
        await Store.AddReplyAsync(space, Post(oldest, "pupil", Start.AddMinutes(4)), evenIfLocked: false);

        var all = await Store.ThreadsAsync(space, discussion.Id, 0, 10);
        var second = await Store.ThreadsAsync(space, discussion.Id, 1, 2);

        Assert.Equal([pinned.Id, oldest.Id, newest.Id, middle.Id], all.Select(t => t.Id));
        Assert.Equal([oldest.Id, newest.Id], second.Select(t => t.Id));
        Assert.Equal(4, await Store.CountThreadsAsync(space, discussion.Id));
        Assert.Equal(Start.AddMinutes(4), (await Store.FindDiscussionAsync(space, discussion.Id))!.LastActivityAt);
        await Store.SetThreadPinnedAsync(space, pinned.Id, false);
        Assert.Equal(pinned.Id, (await Store.ThreadsAsync(space, discussion.Id, 0, 10))[^1].Id);
    }

    [Fact]
    public async Task Discussions_are_per_room_newest_activity_first()
    {
        var space = NewTwinSpaceId();
        var quiet = await AddDiscussionAsync(space, null, Start);
        var busy = await AddDiscussionAsync(space, null, Start.AddMinutes(1));
        var room = await AddDiscussionAsync(space, "room1", Start.AddMinutes(2));
        await AddThreadAsync(space, quiet, Start.AddMinutes(5));

        Assert.Equal([quiet.Id, busy.Id], (await Store.DiscussionsAsync(space, null)).Select(d => d.Id));
        Assert.Equal([room.Id], (await Store.DiscussionsAsync(space, "room1")).Select(d => d.Id));
    }

    [Fact]
    public async Task Likes_are_idempotent_and_exact_under_concurrency()
    {
        var (space, discussion) = await DiscussionAsync();
        var (thread, opening) = await AddThreadAsync(space, discussion);

        var first = await Store.SetLikeAsync(space, opening.Id, "pupil", true, Start);
        var again = await Store.SetLikeAsync(space, opening.Id, "pupil", true, Start);
        Assert.True(first.Changed);
        Assert.False(again.Changed);
        Assert.Equal((1, first.Post!.Version), (again.Post!.LikeCount, again.Post.Version));

        // 50 members like at once, and one of them 10 times more: every distinct like counts exactly once.
        var likes = Enumerable.Range(0, 50).Select(i => $"member{i}").Concat(Enumerable.Repeat("member0", 10))
            .Select(account => Task.Run(() => Store.SetLikeAsync(space, opening.Id, account, true, Start)));
        var results = await Task.WhenAll(likes);
        Assert.Equal(50, results.Count(r => r.Changed));
        var liked = (await Store.FindPostAsync(space, opening.Id))!;
        Assert.Equal(51, liked.LikeCount);
        // Each change took the thread's next version.
        Assert.Equal(52, liked.Version);
        Assert.Equal(52, (await Store.FindThreadAsync(space, thread.Id))!.Version);

        var unlikes = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => Store.SetLikeAsync(space, opening.Id, "pupil", false, Start))));
        Assert.Single(unlikes, r => r.Changed);
        Assert.Equal(50, (await Store.FindPostAsync(space, opening.Id))!.LikeCount);
        Assert.Equal(new HashSet<string> { opening.Id }, await Store.LikedByAsync(space, "member7", [opening.Id, "unknown"]));
        Assert.Empty(await Store.LikedByAsync(space, "pupil", [opening.Id]));
        Assert.Null((await Store.SetLikeAsync(space, Ids.New(), "pupil", true, Start)).Post);
    }

    [Fact]
    public async Task Posts_changed_since_a_version_come_once_each_in_version_order()
    {
        var (space, discussion) = await DiscussionAsync();
        var (thread, opening) = await AddThreadAsync(space, discussion);
        var second = (await Store.AddReplyAsync(space, Post(thread, "a"), false)).Reply!;
        var third = (await Store.AddReplyAsync(space, Post(thread, "b"), false)).Reply!;
        var seen = third.Version;

        var edited = (await Store.TryReplacePostAsync(space, opening with { Source = "edited", Html = "<p>edited</p>" }, opening.Version))!;
        await Store.SetLikeAsync(space, second.Id, "c", true, Start);
        var edits = (await Store.TryReplacePostAsync(space, edited with { Source = "edited twice" }, edited.Version))!;

        var changes = await Store.PostsChangedSinceAsync(space, thread.Id, seen, 10);
        Assert.Equal([second.Id, opening.Id], changes.Select(p => p.Id));
        Assert.Equal("edited twice", changes[1].Source);
        Assert.Equal(edits.Version, changes[1].Version);
        Assert.Equal([second.Id], (await Store.PostsChangedSinceAsync(space, thread.Id, seen, 1)).Select(p => p.Id));
        Assert.Empty(await Store.PostsChangedSinceAsync(space, thread.Id, edits.Version, 10));
        Assert.Equal([third.Id, second.Id, opening.Id], (await Store.PostsChangedSinceAsync(space, thread.Id, 0, 10)).Select(p => p.Id));
    }

    [Fact]
    public async Task Replacing_a_post_is_compare_and_set_keeps_its_identity_and_stores_the_revision_in_the_same_write()
    {
        var (space, discussion) = await DiscussionAsync();
        var (thread, _) = await AddThreadAsync(space, discussion);
        var reply = (await Store.AddReplyAsync(space, Post(thread, "pupil"), false)).Reply!;
        await Store.SetLikeAsync(space, reply.Id, "teacher", true, Start);
        var current = (await Store.FindPostAsync(space, reply.Id))!;

        var forged = current with
        {
            Source = "new", Html = "<p>new</p>", EditedAt = Start.AddHours(1), Number = 99, AuthorId = "someone", LikeCount = 1_000,
            CreatedAt = Start.AddYears(1), ThreadId = "other",
        };
        var stale = await Store.TryReplacePostAsync(space, forged, reply.Version, Revision(reply, "stale"));
        var stored = await Store.TryReplacePostAsync(space, forged, current.Version, Revision(current, "teacher"));

        Assert.Null(stale);
        Assert.NotNull(stored);
        Assert.Equal(("new", 2, "pupil", 1, reply.CreatedAt, thread.Id), (stored.Source, stored.Number, stored.AuthorId, stored.LikeCount, stored.CreatedAt, stored.ThreadId));
        Assert.Equal((await Store.FindThreadAsync(space, thread.Id))!.Version, stored.Version);
        Assert.True(stored.Version > current.Version);
        var revision = Assert.Single(await Store.RevisionsAsync(space, reply.Id));
        Assert.Equal(("Reply by pupil", "teacher"), (revision.Source, revision.EditedBy));
        Assert.Null(await Store.TryReplacePostAsync(space, forged with { Id = Ids.New() }, 1));

        var hidden = (await Store.TryReplacePostAsync(space, stored with { State = ForumPostState.Hidden, ModerationNote = "rude", ModeratedBy = "teacher" }, stored.Version))!;
        Assert.Equal((ForumPostState.Hidden, "rude", "teacher"), (hidden.State, hidden.ModerationNote, hidden.ModeratedBy));
        Assert.Equal(["teacher", "second"], (await RevisedTwiceAsync(space, hidden)).Select(r => r.EditedBy));
    }

    [Fact]
    public async Task Concurrent_compare_and_sets_of_one_post_let_exactly_one_win()
    {
        var (space, discussion) = await DiscussionAsync();
        var (_, opening) = await AddThreadAsync(space, discussion);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => Store.TryReplacePostAsync(space, opening with { Source = $"edit {i}" }, opening.Version, Revision(opening, $"editor{i}")))));

        var winner = Assert.Single(results, r => r is not null)!;
        Assert.Equal(winner.Source, (await Store.FindPostAsync(space, opening.Id))!.Source);
        Assert.Single(await Store.RevisionsAsync(space, opening.Id));
    }

    [Fact]
    public async Task Post_reads_find_by_number_by_id_by_state_and_count_what_a_reader_has_not_seen()
    {
        var (space, discussion) = await DiscussionAsync();
        var (thread, opening) = await AddThreadAsync(space, discussion);
        var mine = (await Store.AddReplyAsync(space, Post(thread, "pupil"), false)).Reply!;
        var held = (await Store.AddReplyAsync(space, Post(thread, "other") with { State = ForumPostState.HeldForReview }, false)).Reply!;
        var visible = (await Store.AddReplyAsync(space, Post(thread, "other"), false)).Reply!;

        Assert.Equal([mine.Id, held.Id], (await Store.PostsAsync(space, thread.Id, 1, 2)).Select(p => p.Id));
        Assert.Equal([held.Id], (await Store.HeldPostsAsync(space)).Select(p => p.Id));
        Assert.Equal(new[] { opening.Id, visible.Id }.Order(), (await Store.FindPostsAsync(space, [visible.Id, opening.Id, visible.Id, "unknown"])).Select(p => p.Id).Order());
        Assert.Empty(await Store.FindPostsAsync(space, []));
        // After post 1: the pupil's own post and the held one do not count.
        Assert.Equal(1, await Store.CountVisiblePostsAfterAsync(space, thread.Id, 1, "pupil"));
        Assert.Equal(3, await Store.CountVisiblePostsAfterAsync(space, thread.Id, 0, "nobody"));
    }

    [Fact]
    public async Task Read_markers_only_move_forward()
    {
        var (space, discussion) = await DiscussionAsync();
        var (thread, _) = await AddThreadAsync(space, discussion);
        var (other, _) = await AddThreadAsync(space, discussion);

        await Store.AdvanceReadMarkerAsync(space, thread.Id, "pupil", 5, Start);
        await Store.AdvanceReadMarkerAsync(space, thread.Id, "pupil", 2, Start.AddMinutes(1));
        await Task.WhenAll(Enumerable.Range(1, 20).Select(n => Task.Run(() => Store.AdvanceReadMarkerAsync(space, other.Id, "pupil", n, Start))));

        var markers = await Store.ReadMarkersAsync(space, "pupil", [thread.Id, other.Id, "never-opened"]);
        Assert.Equal(new Dictionary<string, int> { [thread.Id] = 5, [other.Id] = 20 }, markers);
        Assert.Empty(await Store.ReadMarkersAsync(space, "teacher", [thread.Id]));
    }

    [Fact]
    public async Task Everything_written_survives_a_restart()
    {
        var (space, discussion) = await DiscussionAsync();
        var (thread, opening) = await AddThreadAsync(space, discussion);
        var reply = (await Store.AddReplyAsync(space, Post(thread, "pupil"), false)).Reply!;
        await Store.SetLikeAsync(space, reply.Id, "teacher", true, Start);
        await Store.TryReplacePostAsync(space, opening with { Source = "edited" }, opening.Version, Revision(opening, "teacher"));
        await Store.AdvanceReadMarkerAsync(space, thread.Id, "pupil", 2, Start);
        await Store.SetThreadLockedAsync(space, thread.Id, true);

        await RestartAsync();

        var stored = (await Store.FindThreadAsync(space, thread.Id))!;
        Assert.Equal((2, 4L, true), (stored.LastNumber, stored.Version, stored.Locked));
        Assert.Equal("edited", (await Store.FindPostAsync(space, opening.Id))!.Source);
        Assert.Equal(1, (await Store.FindPostAsync(space, reply.Id))!.LikeCount);
        Assert.Single(await Store.RevisionsAsync(space, opening.Id));
        Assert.Equal(2, (await Store.ReadMarkersAsync(space, "pupil", [thread.Id]))[thread.Id]);
        Assert.Contains(reply.Id, await Store.LikedByAsync(space, "teacher", [reply.Id]));
        Assert.Equal(3, (await Store.AddReplyAsync(space, Post(thread, "teacher"), evenIfLocked: true)).Reply!.Number);
    }

    [Fact]
    public async Task TwinSpaces_do_not_see_each_others_forums()
    {
        var (space, discussion) = await DiscussionAsync();
        var (thread, opening) = await AddThreadAsync(space, discussion);
        var elsewhere = NewTwinSpaceId();

        Assert.Null(await Store.FindDiscussionAsync(elsewhere, discussion.Id));
        Assert.Null(await Store.FindThreadAsync(elsewhere, thread.Id));
        Assert.Null(await Store.FindPostAsync(elsewhere, opening.Id));
        Assert.Empty(await Store.DiscussionsAsync(elsewhere, null));
        Assert.Equal(AddReplyOutcome.ThreadNotFound, (await Store.AddReplyAsync(elsewhere, Post(thread, "pupil"), true)).Outcome);
        Assert.Null(await Store.TryReplacePostAsync(elsewhere, opening with { Source = "x" }, opening.Version));
        Assert.Null((await Store.SetLikeAsync(elsewhere, opening.Id, "pupil", true, Start)).Post);
        Assert.Null(await Store.SetThreadLockedAsync(elsewhere, thread.Id, true));
        Assert.Equal("Opening post", (await Store.FindPostAsync(space, opening.Id))!.Source);
        Assert.Equal(0, (await Store.FindPostAsync(space, opening.Id))!.LikeCount);
        Assert.False((await Store.FindThreadAsync(space, thread.Id))!.Locked);
    }

    private async Task<IReadOnlyList<ForumPostRevision>> RevisedTwiceAsync(string space, ForumPost post)
    {
        await Store.TryReplacePostAsync(space, post with { Source = "again" }, post.Version, Revision(post, "second"));
        return await Store.RevisionsAsync(space, post.Id);
    }

    private async Task<(string Space, ForumDiscussion Discussion)> DiscussionAsync()
    {
        var space = NewTwinSpaceId();
        return (space, await AddDiscussionAsync(space, null, Start));
    }

    private async Task<ForumDiscussion> AddDiscussionAsync(string space, string? roomId, DateTime at)
    {
        var discussion = new ForumDiscussion
        {
            Id = Ids.New(), RoomId = roomId, Title = "Debate", CreatedBy = "teacher", CreatedByName = "Teacher", CreatedAt = at, LastActivityAt = at,
        };
        await Store.AddDiscussionAsync(space, discussion);
        return discussion;
    }

    private Task<(ForumThread Thread, ForumPost Opening)> AddThreadAsync(string space, ForumDiscussion discussion, DateTime? at = null)
    {
        var thread = new ForumThread
        {
            Id = Ids.New(), DiscussionId = discussion.Id, Title = "Bottled water?", AuthorId = "teacher", AuthorName = "Teacher", CreatedAt = at ?? Start,
        };
        var opening = Post(thread, "teacher", at ?? Start) with { Source = "Opening post", Html = "<p>Opening post</p>" };
        return Store.AddThreadAsync(space, thread, opening);
    }

    private static ForumPost Post(ForumThread thread, string authorId, DateTime? at = null) => new()
    {
        Id = Ids.New(), ThreadId = thread.Id, DiscussionId = thread.DiscussionId, AuthorId = authorId, AuthorName = authorId,
        Source = $"Reply by {authorId}", Html = $"<p>Reply by {authorId}</p>", CreatedAt = at ?? Start, State = ForumPostState.Visible,
    };

    private static ForumPostRevision Revision(ForumPost before, string editor) => new()
    {
        PostId = before.Id, Source = before.Source, Html = before.Html, EditedAt = Start, EditedBy = editor, EditedByName = editor,
    };
}
