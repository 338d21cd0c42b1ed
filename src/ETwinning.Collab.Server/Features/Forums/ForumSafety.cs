using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Audit;
using ETwinning.Collab.Server.Features.Moderation;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>
/// Where forums meet the shared moderation mechanism (Features/Moderation, also used by chat): texts go through
/// the TwinSpace's word filter, held posts enter the review queue, and forum moderation actions reach the audit log.
/// </summary>
public sealed class ForumSafety(ModerationService moderation, IAuditLog audit, TimeProvider clock)
{
    /// <summary>The content kind of forum posts in the review queue; the container is the thread id.</summary>
    public const string PostKind = "forum.post";

    public static ContentRef RefOf(ForumPost post) => new(PostKind, post.ThreadId, post.Id);

    /// <summary>Mutes in forums are per discussion: a heated debate can be calmed without silencing the pupil elsewhere.</summary>
    public static string MuteScope(string discussionId) => "forum:" + discussionId;

    /// <summary>A muted member may read but not post, edit or start threads in the discussion (<c>forbidden</c>).</summary>
    public async Task RequireNotMutedAsync(MemberContext member, string discussionId)
    {
        if (await moderation.ActiveMuteAsync(member.TwinSpaceId, MuteScope(discussionId), member.AccountId).ConfigureAwait(false) is { } mute)
            throw CollabException.Forbidden($"A teacher muted you in this discussion until {mute.Until:HH:mm} UTC.").WithKey("Forum_Muted", mute.Until);
    }

    /// <summary>A post body: blocked words refuse it (<c>invalid</c>), masked words are starred, held posts wait for review.</summary>
    public async Task<ScreenedText> ScreenAsync(MemberContext member, string text)
    {
        var verdict = await moderation.ScreenAsync(member.TwinSpaceId, text).ConfigureAwait(false);
        return verdict.Outcome switch
        {
            ScreenOutcome.Blocked => throw Refused(),
            ScreenOutcome.Held => new ScreenedText(text, true, verdict.Matched),
            _ => new ScreenedText(verdict.Text, false, []),
        };
    }

    /// <summary>
    /// A title is shown in lists at once, so it cannot wait for review: words that would hold a post refuse a title,
    /// masked words are starred.
    /// </summary>
    public async Task<string> ScreenTitleAsync(MemberContext member, string title)
    {
        var verdict = await moderation.ScreenAsync(member.TwinSpaceId, title).ConfigureAwait(false);
        return verdict.Outcome is ScreenOutcome.Blocked or ScreenOutcome.Held ? throw Refused() : verdict.Text;
    }

    public async Task QueueIfHeldAsync(MemberContext member, ForumPost post, ScreenedText screened)
    {
        if (post.State != ForumPostState.HeldForReview) return;
        await moderation.HoldAsync(member.TwinSpaceId, RefOf(post), post.AuthorId, post.AuthorName, post.Source, screened.Matched)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// A held post and its review item are two writes; if the server stopped in between, the post waits with no
    /// item. Before a moderator reads the queue, held posts older than a minute (younger ones may still be on their
    /// way) without an open item are queued, so no held post waits unseen.
    /// </summary>
    public async Task QueueForgottenHoldsAsync(string twinSpaceId, IReadOnlyList<ForumPost> heldPosts)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var post in heldPosts)
        {
            if (now - (post.EditedAt ?? post.CreatedAt) < TimeSpan.FromMinutes(1) || await moderation.HasOpenReviewItemAsync(twinSpaceId, RefOf(post)).ConfigureAwait(false)) continue;
            await moderation.HoldAsync(twinSpaceId, RefOf(post), post.AuthorId, post.AuthorName, post.Source,
                (await moderation.ScreenAsync(twinSpaceId, post.Source).ConfigureAwait(false)).Matched).ConfigureAwait(false);
        }
    }

    public Task AuditAsync(MemberContext member, string action, string? targetId, string detail) =>
        audit.AppendAsync(member.TwinSpaceId,
            AuditEntry.Of(clock.GetUtcNow().UtcDateTime, member.AccountId, member.Membership.DisplayName, action, targetId, detail));

    private static CollabException Refused() =>
        CollabException.Invalid("This text contains words that are not allowed in this TwinSpace. Please rephrase it.").WithKey("Forum_WordsNotAllowed");
}
