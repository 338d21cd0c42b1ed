namespace ETwinning.Collab.Server.Features.Moderation;

/// <summary>Audit verbs of moderation actions (every one is logged; see <see cref="ModerationService"/>).</summary>
public static class ModerationAuditActions
{
    public const string WordListChanged = "moderation.word_list_changed";
    public const string ContentHeld = "moderation.content_held";
    public const string ContentReported = "moderation.content_reported";
    public const string ContentHidden = "moderation.content_hidden";
    public const string ContentApproved = "moderation.content_approved";
    public const string ContentRemoved = "moderation.content_removed";
    public const string MemberMuted = "moderation.member_muted";
    public const string MemberUnmuted = "moderation.member_unmuted";
}
