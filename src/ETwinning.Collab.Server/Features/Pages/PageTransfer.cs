namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>How page records are named in a transfer between providers (<see cref="Infrastructure.Storage.IStoreTransfer"/>).</summary>
public static class PageTransfer
{
    public const string Feature = "pages";
    public const string Page = "page";
    /// <summary>A page's document head: its snapshot, how far the log is compacted into it, and the log's last sequence.</summary>
    public const string Head = "page_head";
    public const string Update = "page_update";
    public const string Version = "page_version";
}
