using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// The page tree: create, rename, describe, move, publish, delete and restore pages, assign editors. Callers
/// passed the permission matrix already; what is checked here are the resource rules (<see cref="PageAccess"/>).
/// </summary>
public sealed class PageTreeService(
    IPageStore store, ITwinSpaceStore twinSpaces, IPagesNotifier notifier, IOptions<PagesOptions> options, TimeProvider clock)
{
    private readonly PagesOptions _options = options.Value;

    /// <summary>The pages the member may see, in tree order (parents before children, siblings by position).</summary>
    public async Task<IReadOnlyList<PageView>> ListAsync(MemberContext member, bool includeDeleted = false, CancellationToken cancellationToken = default)
    {
        var tree = await TreeAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false);
        return TreeOrder(tree.Pages)
            .Where(page => PageAccess.CanSee(member, page) && (includeDeleted || !tree.IsGone(page)))
            .Select(page => page.View(PageAccess.CanEdit(member, page)))
            .ToList();
    }

    public async Task<PageView> GetAsync(MemberContext member, string? pageId, CancellationToken cancellationToken = default)
    {
        var page = await VisibleAsync(member, pageId, cancellationToken).ConfigureAwait(false);
        return page.View(PageAccess.CanEdit(member, page));
    }

    public async Task<PageView> CreateAsync(MemberContext member, CreatePageRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var tree = await TreeAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false);
        var pages = tree.Pages;
        if (pages.Count >= _options.MaxPagesPerTwinSpace)
            throw CollabException.TooLarge($"A TwinSpace can have at most {_options.MaxPagesPerTwinSpace} pages.").WithKey("Page_MaxPages", _options.MaxPagesPerTwinSpace);
        var parentId = request.ParentId is null ? null : Existing(tree, request.ParentId).Id;
        var now = Now;
        var page = new Page
        {
            Id = Ids.New(),
            TwinSpaceId = member.TwinSpaceId,
            ParentId = parentId,
            Position = pages.Count(p => p.ParentId == parentId && !p.IsDeleted),
            Title = Require.Text(request.Title, "Title", 1, _options.MaxTitleLength),
            Description = Require.MultilineText(request.Description, "Description", _options.MaxDescriptionLength),
            CreatedBy = member.AccountId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await store.AddAsync(page, cancellationToken).ConfigureAwait(false);
        return await NotifyAsync(member, PageChange.Created, page).ConfigureAwait(false);
    }

    public async Task<PageView> UpdateAsync(MemberContext member, string? pageId, UpdatePageRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var page = await ManagedAsync(member, pageId, cancellationToken).ConfigureAwait(false);
        return await SaveAsync(member, PageChange.Updated, page with
        {
            Title = Require.Text(request.Title, "Title", 1, _options.MaxTitleLength),
            Description = Require.MultilineText(request.Description, "Description", _options.MaxDescriptionLength),
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PageView> SetStateAsync(MemberContext member, string? pageId, SetPageStateRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        if (!Enum.IsDefined(request.Visibility)) throw CollabException.Invalid("Unknown visibility.").WithKey("Page_UnknownVisibility");
        var page = await ManagedAsync(member, pageId, cancellationToken).ConfigureAwait(false);
        return await SaveAsync(member, PageChange.Updated, page with { IsPublished = request.IsPublished, Visibility = request.Visibility }, cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<PageView> AssignEditorsAsync(MemberContext member, string? pageId, IReadOnlyList<string>? accountIds,
        CancellationToken cancellationToken = default)
    {
        Require.NotNull(accountIds, "accountIds");
        if (accountIds!.Count > _options.MaxEditorsPerPage)
            throw CollabException.TooLarge($"A page can have at most {_options.MaxEditorsPerPage} assigned editors.").WithKey("Page_MaxEditors", _options.MaxEditorsPerPage);
        var page = await ManagedAsync(member, pageId, cancellationToken).ConfigureAwait(false);
        var editors = accountIds.Select(id => Require.Id(id, "accountId")).Distinct().ToList();
        foreach (var id in editors)
            if (await twinSpaces.FindMembershipAsync(member.TwinSpaceId, id, cancellationToken).ConfigureAwait(false) is null)
                throw CollabException.NotFound("Editors must be members of this TwinSpace.").WithKey("Page_EditorsMembers");
        return await SaveAsync(member, PageChange.Updated, page with { EditorIds = editors }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Assigns pupil teams as editors (replacing the page's team list); their members may write it.</summary>
    public async Task<PageView> AssignTeamsAsync(MemberContext member, string? pageId, IReadOnlyList<string>? teamIds,
        CancellationToken cancellationToken = default)
    {
        Require.NotNull(teamIds, "teamIds");
        if (teamIds!.Count > _options.MaxEditorsPerPage)
            throw CollabException.TooLarge($"A page can have at most {_options.MaxEditorsPerPage} assigned teams.").WithKey("Page_MaxTeams", _options.MaxEditorsPerPage);
        var page = await ManagedAsync(member, pageId, cancellationToken).ConfigureAwait(false);
        var known = (await twinSpaces.TeamsAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false)).Select(t => t.Id).ToHashSet();
        var teams = teamIds.Select(id => Require.Id(id, "teamId")).Distinct().ToList();
        if (teams.Any(id => !known.Contains(id))) throw CollabException.NotFound("No such team in this TwinSpace.").WithKey("Team_NotFound");
        return await SaveAsync(member, PageChange.Updated, page with { EditorTeamIds = teams }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves a page to a new parent and position (reordering is for teacher administrators: the hub
    /// asks the matrix for <c>ReorderPages</c>). The parent must be a page of the same TwinSpace that is not the page or
    /// one of its sub-pages. Siblings, old and new, are renumbered in the same transaction.</summary>
    public async Task<PageView> MoveAsync(MemberContext member, string? pageId, MovePageRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var tree = await TreeAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false);
        var pages = tree.Pages;
        var page = Existing(tree, pageId);
        var parentId = request.ParentId is null ? null : Existing(tree, request.ParentId).Id;
        for (var ancestor = parentId; ancestor is not null; ancestor = tree.Find(ancestor)!.ParentId)
            if (ancestor == page.Id) throw CollabException.Invalid("A page cannot move under itself or one of its sub-pages.").WithKey("Page_MoveUnderItself");
        var siblings = pages.Where(p => p.ParentId == parentId && p.Id != page.Id && !p.IsDeleted).OrderBy(p => p.Position).ToList();
        var position = Math.Clamp(request.Position, 0, siblings.Count);
        var moved = page with { ParentId = parentId, Position = position, UpdatedAt = Now };
        siblings.Insert(position, moved);
        // Moved to another parent, it leaves a gap among its former siblings: they close ranks, so positions stay 0..n-1.
        var formerSiblings = page.ParentId == parentId ? Enumerable.Empty<Page>() : pages
            .Where(p => p.ParentId == page.ParentId && p.Id != page.Id && !p.IsDeleted).OrderBy(p => p.Position)
            .Select((p, index) => p with { Position = index });
        var changed = siblings.Select((p, index) => p.Id == page.Id ? moved : p with { Position = index })
            .Concat(formerSiblings)
            .Where(p => p.Id == page.Id || tree.Find(p.Id)!.Position != p.Position)
            .ToList();
        await store.UpdateManyAsync(member.TwinSpaceId, changed, cancellationToken).ConfigureAwait(false);
        foreach (var sibling in changed.Where(p => p.Id != page.Id))
            await NotifyAsync(member, PageChange.Moved, sibling).ConfigureAwait(false);
        return await NotifyAsync(member, PageChange.Moved, moved).ConfigureAwait(false);
    }

    /// <summary>Soft-deletes a page; its sub-pages go with it (they are hidden while an ancestor is deleted).</summary>
    public async Task<PageView> DeleteAsync(MemberContext member, string? pageId, CancellationToken cancellationToken = default)
    {
        var page = await ManagedAsync(member, pageId, cancellationToken).ConfigureAwait(false);
        if (page.IsDeleted) throw CollabException.Conflict("This page is deleted already.").WithKey("Page_AlreadyDeleted");
        return await SaveAsync(member, PageChange.Deleted, page with { DeletedAt = Now }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PageView> RestoreAsync(MemberContext member, string? pageId, CancellationToken cancellationToken = default)
    {
        var tree = await TreeAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false);
        var page = tree.Find(pageId) is { } found && PageAccess.CanManage(member, found) ? found : throw CollabException.NotFound("No such page.").WithKey("NotFound_Page");
        if (!page.IsDeleted) throw CollabException.Conflict("This page is not deleted.").WithKey("Page_NotDeleted");
        // Back under its parent when that is still there; at the top level otherwise.
        var parentAlive = tree.Find(page.ParentId) is { IsDeleted: false };
        return await SaveAsync(member, PageChange.Restored, page with { DeletedAt = null, ParentId = parentAlive ? page.ParentId : null }, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>A page the member may see; deleted pages (or pages under a deleted one) are not found. On the path of
    /// every page update: the tree is cached per list the store hands out (<see cref="PageTree"/>).</summary>
    public async ValueTask<Page> VisibleAsync(MemberContext member, string? pageId, CancellationToken cancellationToken = default)
    {
        var id = Require.Id(pageId, "pageId");
        var tree = await TreeAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false);
        var page = tree.Find(id);
        if (page is null || tree.IsGone(page) || !PageAccess.CanSee(member, page)) throw CollabException.NotFound("No such page.").WithKey("NotFound_Page");
        return page;
    }

    /// <summary>The TwinSpace's pages indexed for the tree rules.</summary>
    public async ValueTask<PageTree> TreeAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        PageTree.Of(await store.PagesAsync(twinSpaceId, cancellationToken).ConfigureAwait(false));

    /// <summary>True when the page or one of its ancestors is deleted.</summary>
    public static bool IsGone(IReadOnlyList<Page> pages, Page page) => PageTree.Of(pages).IsGone(page);

    /// <summary>Parents before children, siblings by position: the navigation menu's order.</summary>
    public static IEnumerable<Page> TreeOrder(IReadOnlyList<Page> pages)
    {
        var byParent = pages.ToLookup(p => p.ParentId ?? "");
        var known = pages.Select(p => p.Id).ToHashSet();
        IEnumerable<Page> Walk(string parent) =>
            byParent[parent].OrderBy(p => p.Position).ThenBy(p => p.CreatedAt).SelectMany(p => Walk(p.Id).Prepend(p));
        // Orphans (a parent that vanished) are shown at the top level rather than lost.
        return Walk("").Concat(pages.Where(p => p.ParentId is not null && !known.Contains(p.ParentId)).SelectMany(p => Walk(p.Id).Prepend(p)));
    }

    private async Task<Page> ManagedAsync(MemberContext member, string? pageId, CancellationToken cancellationToken)
    {
        var page = await VisibleAsync(member, pageId, cancellationToken).ConfigureAwait(false);
        if (!PageAccess.CanManage(member, page)) throw CollabException.Forbidden("Only the page's author or a teacher administrator may change this page.").WithKey("Page_OnlyManagers");
        if (!PageAccess.IsWritable(member)) throw CollabException.ReadOnly("This TwinSpace is archived: it can be read but not changed.").WithKey("Permission_Archived");
        return page;
    }

    private static Page Existing(PageTree tree, string? pageId)
    {
        var page = tree.Find(Require.Id(pageId, "pageId"));
        return page is null || tree.IsGone(page) ? throw CollabException.NotFound("No such page.").WithKey("NotFound_Page") : page;
    }

    private async Task<PageView> SaveAsync(MemberContext member, PageChange change, Page page, CancellationToken cancellationToken)
    {
        var saved = page with { UpdatedAt = Now };
        await store.UpdateAsync(saved, cancellationToken).ConfigureAwait(false);
        return await NotifyAsync(member, change, saved).ConfigureAwait(false);
    }

    private async Task<PageView> NotifyAsync(MemberContext member, PageChange change, Page page)
    {
        // Members each compute their own canEdit from the tree; the event carries the page as data.
        var changed = new PageTreeEvent(page.TwinSpaceId, change, page.View(canEdit: false));
        if (page.IsPublished || page.IsDeleted)
        {
            await notifier.PageTreeChangedAsync(changed, audience: null).ConfigureAwait(false);
        }
        else
        {
            // A draft's title reaches only those who may see the draft; for everyone else it is gone (it may have
            // been published a moment ago), told as a deletion without its title.
            var (seeing, others) = await AudienceAsync(member, page).ConfigureAwait(false);
            await notifier.PageTreeChangedAsync(changed, seeing).ConfigureAwait(false);
            if (others.Count > 0)
                await notifier.PageTreeChangedAsync(changed with
                {
                    Change = PageChange.Deleted,
                    Page = changed.Page with { Title = "", Description = "", EditorIds = [], EditorTeamIds = [], IsDeleted = true },
                }, others).ConfigureAwait(false);
        }
        return page.View(PageAccess.CanEdit(member, page));
    }

    private async Task<(List<string> Seeing, List<string> Others)> AudienceAsync(MemberContext member, Page page)
    {
        var seeing = new List<string>();
        var others = new List<string>();
        foreach (var membership in await twinSpaces.MembersAsync(member.TwinSpaceId).ConfigureAwait(false))
        {
            var context = new MemberContext(
                new Accounts.CallerIdentity(membership.AccountId, membership.Kind, membership.DisplayName, null), member.TwinSpace, membership);
            (PageAccess.CanSee(context, page) ? seeing : others).Add(membership.AccountId);
        }
        return (seeing, others);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
