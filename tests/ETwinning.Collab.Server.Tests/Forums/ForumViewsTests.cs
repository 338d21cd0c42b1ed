using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Forums;

namespace ETwinning.Collab.Server.Tests.Forums;

public sealed class ForumViewsTests
{
    private static readonly ForumViewer Author = new("author", false);
    private static readonly ForumViewer Moderator = new("teacher", true);
    private static readonly ForumViewer OtherPupil = new("other", false);

    [Theory]
    [InlineData(ForumPostState.Visible, true, true, true, true)]
    [InlineData(ForumPostState.Hidden, false, false, true, false)]
    [InlineData(ForumPostState.Deleted, false, false, true, false)]
    [InlineData(ForumPostState.HeldForReview, true, false, true, false)]
    public void Who_sees_the_content_of_a_post_depends_on_its_state(
        ForumPostState state, bool authorSees, bool otherSees, bool moderatorSees, bool publicSees)
    {
        var post = Post(state);

        Assert.Equal(authorSees, post.View(Author, null, false).BodyHtml.Length > 0);
        Assert.Equal(otherSees, post.View(OtherPupil, null, false).BodyHtml.Length > 0);
        Assert.Equal(moderatorSees, post.View(Moderator, null, false).BodyHtml.Length > 0);
        Assert.Equal(publicSees, post.View(ForumViewer.Public, null, false).BodyHtml.Length > 0);
    }

    [Fact]
    public void Held_posts_are_not_listed_for_other_members_at_all()
    {
        var held = Post(ForumPostState.HeldForReview);
        Assert.True(held.IsListedFor(Author));
        Assert.True(held.IsListedFor(Moderator));
        Assert.False(held.IsListedFor(OtherPupil));
        Assert.False(held.IsListedFor(ForumViewer.Public));
    }

    [Fact]
    public void Source_and_moderation_notes_go_to_authors_and_moderators_only()
    {
        var post = Post(ForumPostState.Visible) with { ModerationNote = "note" };
        Assert.Equal("**hi**", post.View(Author, null, false).Source);
        Assert.Equal("**hi**", post.View(Moderator, null, false).Source);
        Assert.Null(post.View(OtherPupil, null, false).Source);
        Assert.Null(post.View(OtherPupil, null, false).ModerationNote);
        Assert.Equal("note", post.View(Author, null, false).ModerationNote);
    }

    [Fact]
    public void A_quote_of_a_hidden_post_keeps_its_reference_but_not_its_content()
    {
        var quoted = Post(ForumPostState.Hidden) with { Id = "q1", Number = 3 };
        var quote = Post(ForumPostState.Visible).View(OtherPupil, quoted, false).Quote!;
        Assert.Equal(("q1", 3, ""), (quote.PostId, quote.Number, quote.BodyHtml));
        Assert.Equal(quoted.Html, Post(ForumPostState.Visible).View(Moderator, quoted, false).Quote!.BodyHtml);
    }

    [Fact]
    public void Pinned_threads_sort_before_more_recent_unpinned_ones()
    {
        var old = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var pinnedOld = Thread(old) with { Pinned = true };
        var recent = Thread(old.AddDays(30));
        var older = Thread(old.AddDays(1));

        var sorted = new[] { recent, older, pinnedOld }.Select(t => t.WithSortKey()).OrderByDescending(t => t.SortKey, StringComparer.Ordinal).ToList();

        Assert.Equal([pinnedOld.LastActivityAt, recent.LastActivityAt, older.LastActivityAt], sorted.Select(t => t.LastActivityAt));
    }

    private static ForumPost Post(ForumPostState state) => new()
    {
        Id = "p1", ThreadId = "t1", DiscussionId = "d1", Number = 2, AuthorId = "author", AuthorName = "Fox",
        Source = "**hi**", Html = "<p><strong>hi</strong></p>", State = state,
    };

    private static ForumThread Thread(DateTime lastActivity) => new()
    {
        Id = Guid.NewGuid().ToString("N"), DiscussionId = "d1", Title = "t", AuthorId = "a", AuthorName = "A", LastActivityAt = lastActivity,
    };
}
