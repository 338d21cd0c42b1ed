using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Moderation;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Localization;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Updates;

/// <summary>
/// The Teacher bulletin and the Project journal: short entries, newest first, live. Who may read and post is the
/// permission matrix (the hub method names the action); editing and deleting is the author's, and any entry's for
/// those with <see cref="TwinSpaceAction.ManageUpdates"/>. Journal entries (pupil administrators write them) pass
/// the TwinSpace's word list; a word that would hold or block is refused.
/// </summary>
public sealed class UpdateService(
    IUpdateStore store, ITwinSpaceStore twinSpaces, IUpdatesNotifier notifier, ModerationService moderation,
    IOptions<UpdatesOptions> options, TimeProvider clock)
{
    // Compare-and-set retries for an edit racing another edit of the same entry; more would mean a bug, not load.
    private const int MaxReplaceAttempts = 5;
    private readonly UpdatesOptions _options = options.Value;

    public async Task<UpdatePage> ListAsync(MemberContext member, UpdateKind kind, ListUpdatesRequest? request, CancellationToken cancellationToken = default)
    {
        var limit = Math.Clamp(request?.Limit ?? _options.DefaultPageSize, 1, _options.MaxPageSize);
        // One more than asked tells whether older entries exist.
        var items = await store.ListAsync(member.TwinSpaceId, kind, request?.BeforeSequence, limit + 1, cancellationToken).ConfigureAwait(false);
        return new UpdatePage(items.Take(limit).Select(View).ToList(), items.Count > limit);
    }

    public async Task<UpdateView> PostAsync(MemberContext member, UpdateKind kind, PostUpdateRequest? request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var clientId = Require.Text(request!.ClientId, "clientId", 1, _options.MaxClientIdLength);
        var (title, text) = await CheckedAsync(member, kind, request.Title, request.Text, cancellationToken).ConfigureAwait(false);
        var stored = await store.AppendAsync(new TwinSpaceUpdate
        {
            Id = Ids.New(), TwinSpaceId = member.TwinSpaceId, Kind = kind, ClientId = clientId,
            AuthorId = member.AccountId, AuthorName = member.Caller.DisplayName, Title = title, Text = text,
            CreatedAt = Now(),
        }, cancellationToken).ConfigureAwait(false);
        var view = View(stored);
        await NotifyAsync(member, UpdateChange.Posted, view, cancellationToken).ConfigureAwait(false);
        return view;
    }

    public async Task<UpdateView> EditAsync(MemberContext member, UpdateKind kind, long sequence, EditUpdateRequest? request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var (title, text) = await CheckedAsync(member, kind, request!.Title, request.Text, cancellationToken).ConfigureAwait(false);
        return await ReplaceAsync(member, kind, sequence, UpdateChange.Edited,
            current => current with { Title = title, Text = text, EditedAt = Now() }, cancellationToken).ConfigureAwait(false);
    }

    public Task<UpdateView> DeleteAsync(MemberContext member, UpdateKind kind, long sequence, CancellationToken cancellationToken = default) =>
        ReplaceAsync(member, kind, sequence, UpdateChange.Deleted,
            current => current with { IsDeleted = true, Title = "", Text = "" }, cancellationToken);

    private async Task<UpdateView> ReplaceAsync(
        MemberContext member, UpdateKind kind, long sequence, UpdateChange change, Func<TwinSpaceUpdate, TwinSpaceUpdate> apply,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxReplaceAttempts; attempt++)
        {
            var current = await store.FindAsync(member.TwinSpaceId, kind, sequence, cancellationToken).ConfigureAwait(false);
            if (current is null || current.IsDeleted)
                throw CollabException.NotFound("No such entry.").WithKey("NotFound_Entry");
            if (current.AuthorId != member.AccountId && !PermissionMatrix.Allows(member.Membership.Role, TwinSpaceAction.ManageUpdates))
                throw CollabException.Forbidden("Only its author or a teacher administrator can change this entry.").WithKey("Update_NotYours");
            var stored = await store.TryReplaceAsync(apply(current), current.Version, cancellationToken).ConfigureAwait(false);
            if (stored is null)
                continue;
            var view = View(stored);
            await NotifyAsync(member, change, view, cancellationToken).ConfigureAwait(false);
            return view;
        }
        throw CollabException.Conflict("The entry changed meanwhile. Please try again.").WithKey("Update_Busy");
    }

    private async Task<(string Title, string Text)> CheckedAsync(MemberContext member, UpdateKind kind, string? title, string? text, CancellationToken cancellationToken)
    {
        var checkedTitle = Require.Text(title, "Title", 1, _options.MaxTitleLength);
        var checkedText = Require.MultilineText(text, "Text", _options.MaxTextLength);
        if (checkedText.Length == 0)
            throw CollabException.Invalid("Text is required.").WithKey("Validation_Required", new FieldName("Text"));
        if (kind == UpdateKind.Journal)
        {
            checkedTitle = await ScreenedAsync(member, checkedTitle, cancellationToken).ConfigureAwait(false);
            checkedText = await ScreenedAsync(member, checkedText, cancellationToken).ConfigureAwait(false);
        }
        return (checkedTitle, checkedText);
    }

    private async Task<string> ScreenedAsync(MemberContext member, string text, CancellationToken cancellationToken)
    {
        var verdict = await moderation.ScreenAsync(member.TwinSpaceId, text, cancellationToken).ConfigureAwait(false);
        return verdict.Outcome is ScreenOutcome.Held or ScreenOutcome.Blocked
            ? throw CollabException.Invalid("This uses words that are not allowed in this TwinSpace.").WithKey("Update_WordsNotAllowed")
            : verdict.Text;
    }

    private async Task NotifyAsync(MemberContext member, UpdateChange change, UpdateView view, CancellationToken cancellationToken)
    {
        var changed = new UpdateChangedEvent(member.TwinSpaceId, change, view);
        if (view.Kind == UpdateKind.Journal)
        {
            await notifier.JournalChangedAsync(changed).ConfigureAwait(false);
            return;
        }
        var members = await twinSpaces.MembersAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false);
        var readers = members.Where(m => PermissionMatrix.Allows(m.Role, TwinSpaceAction.ViewBulletin)).Select(m => m.AccountId).ToList();
        await notifier.BulletinChangedAsync(changed, readers).ConfigureAwait(false);
    }

    // Whole milliseconds, as storage keeps them: what a post returns is then exactly what later reads return.
    private DateTime Now()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    private static UpdateView View(TwinSpaceUpdate update) => new(
        update.Id, update.TwinSpaceId, update.Kind, update.Sequence, update.AuthorId, update.AuthorName,
        update.Title, update.Text, update.CreatedAt, update.EditedAt, update.IsDeleted);
}
