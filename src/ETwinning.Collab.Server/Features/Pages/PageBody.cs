namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>Where the page body lives in its Yjs document: the fragment y-prosemirror binds to by default.</summary>
public static class PageBody
{
    public const string FragmentName = "prosemirror";
}
