using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>Stored records to wire records, deciding per viewer what content is shown.</summary>
internal static class ForumViews
{
    public static ForumDiscussionView View(this ForumDiscussion d) =>
        new(d.Id, d.Title, d.DescriptionHtml, d.RoomId, d.CreatedBy, d.CreatedByName, d.CreatedAt, d.ThreadCount, d.LastActivityAt);

    public static ForumThreadView View(this ForumThread t, int lastReadNumber = 0, int unreadCount = 0) =>
        new(t.Id, t.DiscussionId, t.Title, t.AuthorId, t.AuthorName, t.CreatedAt, t.Pinned, t.Locked, t.ReplyCount,
            t.LastActivityAt, t.LastNumber, t.Version, lastReadNumber, unreadCount);

    /// <summary>True when the viewer may see the post at all (held posts exist only for their author and moderators).</summary>
    public static bool IsListedFor(this ForumPost post, ForumViewer viewer) =>
        post.State != ForumPostState.HeldForReview || viewer.IsModerator || viewer.IsAuthorOf(post);

    public static ForumPostView View(this ForumPost post, ForumViewer viewer, ForumPost? quoted, bool likedByMe)
    {
        var author = viewer.IsAuthorOf(post);
        var showBody = post.State == ForumPostState.Visible || viewer.IsModerator
            || (author && post.State == ForumPostState.HeldForReview);
        var showNote = viewer.IsModerator || author;
        return new ForumPostView(
            post.Id, post.ThreadId, post.Number, post.AuthorId, post.AuthorName,
            showBody ? post.Html : "",
            showBody && (author || viewer.IsModerator) ? post.Source : null,
            quoted is null ? null : Quote(quoted, viewer),
            showBody ? post.AttachmentIds : [],
            post.CreatedAt, post.EditedAt, post.LikeCount, likedByMe, post.State,
            showNote ? post.ModerationNote : null, post.Version);
    }

    // A quote shows the quoted post only while everyone may see it: hiding a post also hides it inside quotes.
    private static ForumQuoteView Quote(ForumPost quoted, ForumViewer viewer) =>
        new(quoted.Id, quoted.Number, quoted.AuthorName,
            quoted.State == ForumPostState.Visible || viewer.IsModerator ? quoted.Html : "");

    public static ForumPostRevisionView View(this ForumPostRevision r) => new(r.EditedAt, r.EditedBy, r.EditedByName, r.Source, r.Html);
}
