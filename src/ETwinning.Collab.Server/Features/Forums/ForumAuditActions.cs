namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>The audit verbs of forum moderation (see Features/Audit). Stable: teachers' tools and exports read them.</summary>
public static class ForumAuditActions
{
    public const string DiscussionCreated = "forum.discussion_created";
    public const string ThreadPinned = "forum.thread_pinned";
    public const string ThreadUnpinned = "forum.thread_unpinned";
    public const string ThreadLocked = "forum.thread_locked";
    public const string ThreadUnlocked = "forum.thread_unlocked";
    public const string ThreadDeleted = "forum.thread_deleted";
    public const string PostHidden = "forum.post_hidden";
    public const string PostShown = "forum.post_shown";
    public const string PostDeleted = "forum.post_deleted";
    public const string PostApproved = "forum.post_approved";
}
