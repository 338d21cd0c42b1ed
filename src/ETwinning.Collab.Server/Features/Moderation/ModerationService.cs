using System.Collections.Concurrent;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Audit;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Moderation;

/// <summary>
/// Moderation shared by every feature that holds members' texts (chat, forums): the per-TwinSpace word filter,
/// the review queue (held and reported content of any kind), mutes per scope, and an audit entry for every
/// moderation action. It knows content only as a <see cref="ContentRef"/>; what "approve" and "remove" mean for a
/// kind of content is that feature's <see cref="IModeratedContent"/>. Callers arrive checked against the
/// permission matrix with their feature's moderation action (ModerateChat, ModerateForums).
/// </summary>
public sealed class ModerationService(
    IModerationStore store, IAuditLog audit, IServiceProvider services,
    IOptions<ModerationOptions> options, TimeProvider clock)
{
    private readonly ModerationOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, (WordFilter Filter, long LoadedAt)> _filters = new();

    /// <summary>Screens a text against the TwinSpace's word list (cached: on every send, it seldom reads the store).</summary>
    public async ValueTask<ScreenVerdict> ScreenAsync(string twinSpaceId, string text, CancellationToken cancellationToken = default) =>
        (await FilterOfAsync(twinSpaceId, cancellationToken).ConfigureAwait(false)).Screen(text);

    public ValueTask<IReadOnlyList<WordFilterRule>> WordListAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        store.WordListAsync(twinSpaceId, cancellationToken);

    public async Task<IReadOnlyList<WordFilterRule>> SetWordListAsync(
        MemberContext moderator, IReadOnlyList<WordFilterRule>? rules, CancellationToken cancellationToken = default)
    {
        Require.NotNull(rules, "rules");
        if (rules!.Count > _options.MaxWordsPerList)
            throw CollabException.TooLarge($"A word list can have at most {_options.MaxWordsPerList} entries.").WithKey("Moderation_MaxWords", _options.MaxWordsPerList);
        var cleaned = rules
            .Select(rule => new WordFilterRule(
                Require.Text(Require.NotNull(rule, "rule").Word, "Word", 1, _options.MaxWordLength),
                Enum.IsDefined(rule.Action) ? rule.Action : throw CollabException.Invalid("Unknown word filter action.").WithKey("Moderation_UnknownAction")))
            .DistinctBy(rule => WordFilter.Fold(rule.Word))
            .ToList();
        await store.SetWordListAsync(moderator.TwinSpaceId, cleaned, cancellationToken).ConfigureAwait(false);
        _filters.TryRemove(moderator.TwinSpaceId, out _);
        await AuditAsync(moderator, ModerationAuditActions.WordListChanged, null, $"{cleaned.Count} entries", cancellationToken).ConfigureAwait(false);
        return cleaned;
    }

    /// <summary>Puts content the word filter held into the review queue (the author is the actor of the audit entry).</summary>
    public async Task<ReviewItem> HoldAsync(string twinSpaceId, ContentRef content, string authorId, string authorName, string text,
        IReadOnlyList<string> matched, CancellationToken cancellationToken = default)
    {
        var item = NewItem(content, authorId, authorName, text, ReviewReason.Held);
        var stored = await store.AddOrMergeReviewItemAsync(twinSpaceId, item, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(twinSpaceId, Entry(authorId, authorName, ModerationAuditActions.ContentHeld, content.Key,
            "matched: " + string.Join(", ", matched)), cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public ValueTask<bool> HasOpenReviewItemAsync(string twinSpaceId, ContentRef content, CancellationToken cancellationToken = default) =>
        store.HasOpenReviewItemAsync(twinSpaceId, content.Key, cancellationToken);

    /// <summary>A member reports content; reports of the same content gather in one open item.</summary>
    public async Task<ReviewItem> ReportAsync(MemberContext reporter, ContentRef content, string authorId, string authorName, string text, string? reason,
        CancellationToken cancellationToken = default)
    {
        var why = Require.OptionalText(reason, "Reason", _options.MaxReasonLength);
        var item = NewItem(content, authorId, authorName, text, ReviewReason.Reported) with
        {
            Reports = [$"{reporter.Membership.DisplayName}: {why}"],
            ReporterIds = [reporter.AccountId],
        };
        var stored = await store.AddOrMergeReviewItemAsync(reporter.TwinSpaceId, item, cancellationToken).ConfigureAwait(false);
        await AuditAsync(reporter, ModerationAuditActions.ContentReported, content.Key, why, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public ValueTask<IReadOnlyList<ReviewItem>> ReviewQueueAsync(
        string twinSpaceId, string? contentKind, bool openOnly, int? limit, CancellationToken cancellationToken = default) =>
        store.ReviewItemsAsync(twinSpaceId, contentKind, openOnly,
            Math.Clamp(limit ?? _options.MaxReviewItemsPerPage, 1, _options.MaxReviewItemsPerPage), cancellationToken);

    /// <summary>
    /// Applies a decision to an open item of <paramref name="contentKind"/> (a moderator of chat cannot resolve
    /// forum items through the chat methods): the content's feature approves or hides it, then the item closes.
    /// </summary>
    public async Task<ReviewItem> ResolveAsync(MemberContext moderator, string itemId, ReviewDecision decision, string? reason, string contentKind,
        CancellationToken cancellationToken = default)
    {
        var item = await store.FindReviewItemAsync(moderator.TwinSpaceId, Require.Id(itemId, "itemId"), cancellationToken).ConfigureAwait(false);
        if (item is null || item.ContentKind != contentKind) throw CollabException.NotFound("No such review item.").WithKey("Moderation_NoItem");
        if (item.State != ReviewState.Open) throw CollabException.Conflict("This item was resolved already.").WithKey("Moderation_Resolved");
        if (!Enum.IsDefined(decision)) throw CollabException.Invalid("Unknown decision.").WithKey("Moderation_UnknownDecision");
        var why = Require.OptionalText(reason, "Reason", _options.MaxReasonLength);
        // Resolved here, not injected: content features depend on this service, so injecting them would be a cycle.
        var handler = services.GetServices<IModeratedContent>().FirstOrDefault(c => c.Kind == item.ContentKind)
            ?? throw new InvalidOperationException($"No moderated content handler for {item.ContentKind}.");
        var resolved = item with
        {
            State = decision == ReviewDecision.Approve ? ReviewState.Approved : ReviewState.Removed,
            ResolvedBy = moderator.AccountId,
            ResolvedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (!await store.TryResolveReviewItemAsync(moderator.TwinSpaceId, resolved, cancellationToken).ConfigureAwait(false))
            throw CollabException.Conflict("This item was resolved already.").WithKey("Moderation_Resolved");
        if (decision == ReviewDecision.Approve)
            await handler.ApproveAsync(moderator.TwinSpaceId, item.ToContentRef(), moderator.AccountId).ConfigureAwait(false);
        else
            await handler.RemoveAsync(moderator.TwinSpaceId, item.ToContentRef(), moderator.AccountId,
                why.Length > 0 ? why : "Removed after review.").ConfigureAwait(false);
        await AuditAsync(moderator, decision == ReviewDecision.Approve ? ModerationAuditActions.ContentApproved : ModerationAuditActions.ContentRemoved,
            item.ToContentRef().Key, why, cancellationToken).ConfigureAwait(false);
        return resolved;
    }

    /// <summary>Records a hide done by a feature (the feature changes its content; the log entry is kept here).</summary>
    public Task RecordHiddenAsync(MemberContext moderator, ContentRef content, string reason, CancellationToken cancellationToken = default) =>
        AuditAsync(moderator, ModerationAuditActions.ContentHidden, content.Key, reason, cancellationToken);

    /// <summary>Checks a hide reason: required, so pupils and other teachers learn why.</summary>
    public string RequireReason(string? reason) => Require.Text(reason, "Reason", 1, _options.MaxReasonLength);

    public async Task<Mute> MuteAsync(MemberContext moderator, string scope, string accountId, int minutes, string? reason,
        CancellationToken cancellationToken = default)
    {
        if (minutes < 1 || minutes > _options.MaxMuteMinutes)
            throw CollabException.Invalid($"A mute lasts from 1 to {_options.MaxMuteMinutes} minutes.").WithKey("Moderation_MuteMinutes", _options.MaxMuteMinutes);
        if (accountId == moderator.AccountId) throw CollabException.Invalid("You cannot mute yourself.").WithKey("Moderation_MuteSelf");
        var mute = new Mute
        {
            Id = Mute.KeyOf(scope, accountId),
            Scope = scope,
            AccountId = accountId,
            Until = clock.GetUtcNow().UtcDateTime.AddMinutes(minutes),
            Reason = Require.Text(reason, "Reason", 1, _options.MaxReasonLength),
            MutedBy = moderator.AccountId,
        };
        await store.SetMuteAsync(moderator.TwinSpaceId, mute, cancellationToken).ConfigureAwait(false);
        await AuditAsync(moderator, ModerationAuditActions.MemberMuted, accountId, $"{scope} for {minutes} min: {mute.Reason}", cancellationToken)
            .ConfigureAwait(false);
        return mute;
    }

    public async Task UnmuteAsync(MemberContext moderator, string scope, string accountId, CancellationToken cancellationToken = default)
    {
        await store.RemoveMuteAsync(moderator.TwinSpaceId, scope, accountId, cancellationToken).ConfigureAwait(false);
        await AuditAsync(moderator, ModerationAuditActions.MemberUnmuted, accountId, scope, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Mutes in force whose scope starts with <paramref name="scopePrefix"/>, ending soonest first.</summary>
    public async ValueTask<IReadOnlyList<Mute>> ActiveMutesAsync(string twinSpaceId, string scopePrefix, CancellationToken cancellationToken = default)
    {
        var mutes = await store.MutesAsync(twinSpaceId, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        return mutes.Where(m => m.Until > now && m.Scope.StartsWith(scopePrefix, StringComparison.Ordinal)).OrderBy(m => m.Until).ToList();
    }

    /// <summary>The mute in force for the member in the scope, or null.</summary>
    public async ValueTask<Mute?> ActiveMuteAsync(string twinSpaceId, string scope, string accountId, CancellationToken cancellationToken = default)
    {
        var mute = await store.FindMuteAsync(twinSpaceId, scope, accountId, cancellationToken).ConfigureAwait(false);
        return mute is not null && mute.Until > clock.GetUtcNow().UtcDateTime ? mute : null;
    }

    private async ValueTask<WordFilter> FilterOfAsync(string twinSpaceId, CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        if (_filters.TryGetValue(twinSpaceId, out var cached) && now - cached.LoadedAt < _options.WordListCacheSeconds * 1000L)
            return cached.Filter;
        var rules = await store.WordListAsync(twinSpaceId, cancellationToken).ConfigureAwait(false);
        var filter = rules.Count == 0 ? WordFilter.Empty : new WordFilter(rules);
        _filters[twinSpaceId] = (filter, now);
        return filter;
    }

    private ReviewItem NewItem(ContentRef content, string authorId, string authorName, string text, ReviewReason reason) => new()
    {
        Id = Ids.New(),
        ContentKind = content.Kind,
        ContainerId = content.ContainerId,
        ContentId = content.ContentId,
        ContentKey = content.Key,
        AuthorId = authorId,
        AuthorName = authorName,
        Excerpt = text.Length <= _options.ExcerptLength ? text : text[.._options.ExcerptLength] + "…",
        Reason = reason,
        CreatedAt = clock.GetUtcNow().UtcDateTime,
    };

    private Task AuditAsync(MemberContext actor, string action, string? targetId, string detail, CancellationToken cancellationToken) =>
        audit.AppendAsync(actor.TwinSpaceId, Entry(actor.AccountId, actor.Membership.DisplayName, action, targetId, detail), cancellationToken);

    private AuditEntry Entry(string actorId, string actorName, string action, string? targetId, string detail) =>
        AuditEntry.Of(clock.GetUtcNow().UtcDateTime, actorId, actorName, action, targetId, detail);
}
