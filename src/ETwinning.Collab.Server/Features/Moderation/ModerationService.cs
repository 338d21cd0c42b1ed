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

    /// <summary>Screens a text against the TwinSpace's word list.</summary>
    public ScreenVerdict Screen(string twinSpaceId, string text) => FilterOf(twinSpaceId).Screen(text);

    public IReadOnlyList<WordFilterRule> WordList(string twinSpaceId) => store.WordList(twinSpaceId);

    public async Task<IReadOnlyList<WordFilterRule>> SetWordListAsync(MemberContext moderator, IReadOnlyList<WordFilterRule>? rules)
    {
        Require.NotNull(rules, "rules");
        if (rules!.Count > _options.MaxWordsPerList)
            throw CollabException.TooLarge($"A word list can have at most {_options.MaxWordsPerList} entries.");
        var cleaned = rules
            .Select(rule => new WordFilterRule(
                Require.Text(Require.NotNull(rule, "rule").Word, "Word", 1, _options.MaxWordLength),
                Enum.IsDefined(rule.Action) ? rule.Action : throw CollabException.Invalid("Unknown word filter action.")))
            .DistinctBy(rule => WordFilter.Fold(rule.Word))
            .ToList();
        await store.SetWordListAsync(moderator.TwinSpaceId, cleaned).ConfigureAwait(false);
        _filters.TryRemove(moderator.TwinSpaceId, out _);
        await AuditAsync(moderator, ModerationAuditActions.WordListChanged, null, $"{cleaned.Count} entries").ConfigureAwait(false);
        return cleaned;
    }

    /// <summary>Puts content the word filter held into the review queue (the author is the actor of the audit entry).</summary>
    public async Task<ReviewItem> HoldAsync(string twinSpaceId, ContentRef content, string authorId, string authorName, string text, IReadOnlyList<string> matched)
    {
        var item = NewItem(content, authorId, authorName, text, ReviewReason.Held);
        var stored = await store.AddOrMergeReviewItemAsync(twinSpaceId, item).ConfigureAwait(false);
        await audit.AppendAsync(twinSpaceId, Entry(authorId, authorName, ModerationAuditActions.ContentHeld, content.Key,
            "matched: " + string.Join(", ", matched))).ConfigureAwait(false);
        return stored;
    }

    public bool HasOpenReviewItem(string twinSpaceId, ContentRef content) => store.HasOpenReviewItem(twinSpaceId, content.Key);

    /// <summary>A member reports content; reports of the same content gather in one open item.</summary>
    public async Task<ReviewItem> ReportAsync(MemberContext reporter, ContentRef content, string authorId, string authorName, string text, string? reason)
    {
        var why = Require.OptionalText(reason, "Reason", _options.MaxReasonLength);
        var item = NewItem(content, authorId, authorName, text, ReviewReason.Reported) with
        {
            Reports = [$"{reporter.Membership.DisplayName}: {why}"],
            ReporterIds = [reporter.AccountId],
        };
        var stored = await store.AddOrMergeReviewItemAsync(reporter.TwinSpaceId, item).ConfigureAwait(false);
        await AuditAsync(reporter, ModerationAuditActions.ContentReported, content.Key, why).ConfigureAwait(false);
        return stored;
    }

    public IReadOnlyList<ReviewItem> ReviewQueue(string twinSpaceId, string? contentKind, bool openOnly, int? limit) =>
        store.ReviewItems(twinSpaceId, contentKind, openOnly, Math.Clamp(limit ?? _options.MaxReviewItemsPerPage, 1, _options.MaxReviewItemsPerPage));

    /// <summary>
    /// Applies a decision to an open item of <paramref name="contentKind"/> (a moderator of chat cannot resolve
    /// forum items through the chat methods): the content's feature approves or hides it, then the item closes.
    /// </summary>
    public async Task<ReviewItem> ResolveAsync(MemberContext moderator, string itemId, ReviewDecision decision, string? reason, string contentKind)
    {
        var item = store.FindReviewItem(moderator.TwinSpaceId, Require.Id(itemId, "itemId"));
        if (item is null || item.ContentKind != contentKind) throw CollabException.NotFound("No such review item.");
        if (item.State != ReviewState.Open) throw CollabException.Conflict("This item was resolved already.");
        if (!Enum.IsDefined(decision)) throw CollabException.Invalid("Unknown decision.");
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
        if (!await store.TryResolveReviewItemAsync(moderator.TwinSpaceId, resolved).ConfigureAwait(false))
            throw CollabException.Conflict("This item was resolved already.");
        if (decision == ReviewDecision.Approve)
            await handler.ApproveAsync(moderator.TwinSpaceId, item.ToContentRef(), moderator.AccountId).ConfigureAwait(false);
        else
            await handler.RemoveAsync(moderator.TwinSpaceId, item.ToContentRef(), moderator.AccountId,
                why.Length > 0 ? why : "Removed after review.").ConfigureAwait(false);
        await AuditAsync(moderator, decision == ReviewDecision.Approve ? ModerationAuditActions.ContentApproved : ModerationAuditActions.ContentRemoved,
            item.ToContentRef().Key, why).ConfigureAwait(false);
        return resolved;
    }

    /// <summary>Records a hide done by a feature (the feature changes its content; the log entry is kept here).</summary>
    public Task RecordHiddenAsync(MemberContext moderator, ContentRef content, string reason) =>
        AuditAsync(moderator, ModerationAuditActions.ContentHidden, content.Key, reason);

    /// <summary>Checks a hide reason: required, so pupils and other teachers learn why.</summary>
    public string RequireReason(string? reason) => Require.Text(reason, "Reason", 1, _options.MaxReasonLength);

    public async Task<Mute> MuteAsync(MemberContext moderator, string scope, string accountId, int minutes, string? reason)
    {
        if (minutes < 1 || minutes > _options.MaxMuteMinutes)
            throw CollabException.Invalid($"A mute lasts from 1 to {_options.MaxMuteMinutes} minutes.");
        if (accountId == moderator.AccountId) throw CollabException.Invalid("You cannot mute yourself.");
        var mute = new Mute
        {
            Id = Mute.KeyOf(scope, accountId),
            Scope = scope,
            AccountId = accountId,
            Until = clock.GetUtcNow().UtcDateTime.AddMinutes(minutes),
            Reason = Require.Text(reason, "Reason", 1, _options.MaxReasonLength),
            MutedBy = moderator.AccountId,
        };
        await store.SetMuteAsync(moderator.TwinSpaceId, mute).ConfigureAwait(false);
        await AuditAsync(moderator, ModerationAuditActions.MemberMuted, accountId, $"{scope} for {minutes} min: {mute.Reason}").ConfigureAwait(false);
        return mute;
    }

    public async Task UnmuteAsync(MemberContext moderator, string scope, string accountId)
    {
        await store.RemoveMuteAsync(moderator.TwinSpaceId, scope, accountId).ConfigureAwait(false);
        await AuditAsync(moderator, ModerationAuditActions.MemberUnmuted, accountId, scope).ConfigureAwait(false);
    }

    /// <summary>The mute in force for the member in the scope, or null.</summary>
    /// <summary>Mutes in force whose scope starts with <paramref name="scopePrefix"/>, ending soonest first.</summary>
    public IReadOnlyList<Mute> ActiveMutes(string twinSpaceId, string scopePrefix)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return store.Mutes(twinSpaceId).Where(m => m.Until > now && m.Scope.StartsWith(scopePrefix, StringComparison.Ordinal))
            .OrderBy(m => m.Until).ToList();
    }

    public Mute? ActiveMute(string twinSpaceId, string scope, string accountId)
    {
        var mute = store.FindMute(twinSpaceId, scope, accountId);
        return mute is not null && mute.Until > clock.GetUtcNow().UtcDateTime ? mute : null;
    }

    private WordFilter FilterOf(string twinSpaceId)
    {
        var now = Environment.TickCount64;
        if (_filters.TryGetValue(twinSpaceId, out var cached) && now - cached.LoadedAt < _options.WordListCacheSeconds * 1000L)
            return cached.Filter;
        var rules = store.WordList(twinSpaceId);
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

    private Task AuditAsync(MemberContext actor, string action, string? targetId, string detail) =>
        audit.AppendAsync(actor.TwinSpaceId, Entry(actor.AccountId, actor.Membership.DisplayName, action, targetId, detail));

    private AuditEntry Entry(string actorId, string actorName, string action, string? targetId, string detail) =>
        AuditEntry.Of(clock.GetUtcNow().UtcDateTime, actorId, actorName, action, targetId, detail);
}
