namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>How forum records are named in a transfer between providers (<see cref="Infrastructure.Storage.IStoreTransfer"/>).</summary>
public static class ForumTransfer
{
    public const string Feature = "forums";
    public const string Discussion = "forum_discussion";
    /// <summary>
    /// A thread, carried with an empty <see cref="ForumThread.SortKey"/>: the key is derived from pinning and the last
    /// activity's ticks, which the embedded store keeps finer than its dates (milliseconds), so each provider derives its own.
    /// </summary>
    public const string Thread = "forum_thread";
    public const string Post = "forum_post";
    /// <summary>
    /// An earlier text of a post. Its id is the provider's own (per TwinSpace file, or one identity for all), so a
    /// transfer carries it as 0 and keeps the order; an import skips a revision it holds already (same post, time and text).
    /// </summary>
    public const string Revision = "forum_revision";
    public const string Like = "forum_like";
    public const string ReadMarker = "forum_read_marker";
}
