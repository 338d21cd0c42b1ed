using System.Runtime.CompilerServices;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// A TwinSpace's pages indexed for the tree rules: find by id, and whether a page is gone (deleted, or under a
/// deleted ancestor). Every page update asks both; walking the list for each ancestor cost a scan of every page per
/// keystroke. Built once per list the store hands out (<see cref="IPageStore.PagesAsync"/> returns the same list
/// until a page changes), so on the hot path it is a lookup.
/// </summary>
public sealed class PageTree
{
    private static readonly ConditionalWeakTable<IReadOnlyList<Page>, PageTree> Built = new();

    private readonly Dictionary<string, Page> _byId;
    private readonly Dictionary<string, bool> _gone;

    private PageTree(IReadOnlyList<Page> pages)
    {
        Pages = pages;
        _byId = new Dictionary<string, Page>(pages.Count, StringComparer.Ordinal);
        foreach (var page in pages) _byId.TryAdd(page.Id, page);
        _gone = new Dictionary<string, bool>(pages.Count, StringComparer.Ordinal);
        foreach (var page in pages) Gone(page.Id, 0);
    }

    public IReadOnlyList<Page> Pages { get; }

    /// <summary>The tree of <paramref name="pages"/>, built on first use of that list instance.</summary>
    public static PageTree Of(IReadOnlyList<Page> pages) => Built.GetValue(pages, static list => new PageTree(list));

    public Page? Find(string? pageId) => pageId is not null && _byId.TryGetValue(pageId, out var page) ? page : null;

    /// <summary>True when the page or one of its ancestors is deleted.</summary>
    public bool IsGone(Page page) => page.IsDeleted || (page.ParentId is not null && _byId.ContainsKey(page.ParentId) && Gone(page.ParentId, 0));

    private bool Gone(string pageId, int depth)
    {
        if (_gone.TryGetValue(pageId, out var known)) return known;
        var page = _byId[pageId];
        // Moves refuse cycles; a cycle in stored data ends the walk rather than the process.
        var gone = page.IsDeleted || (depth < _byId.Count && page.ParentId is not null && _byId.ContainsKey(page.ParentId) && Gone(page.ParentId, depth + 1));
        _gone[pageId] = gone;
        return gone;
    }
}
