using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>Who a view is built for: moderators see moderated content, authors see their own, the public sees neither.</summary>
public sealed record ForumViewer(string? AccountId, bool IsModerator)
{
    /// <summary>What a broadcast to a group may carry.</summary>
    public static ForumViewer Public { get; } = new(null, false);

    public bool IsAuthorOf(ForumPost post) => AccountId is not null && post.AuthorId == AccountId;

    /// <summary>How the viewer stands to a post, for the forum rules of <see cref="ResourceRules"/>.</summary>
    public ResourceRelation RelationTo(ForumPost post) => IsAuthorOf(post) ? ResourceRelation.Author : ResourceRelation.None;
}
