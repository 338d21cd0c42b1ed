using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Features.Forums;

public sealed class ForumOptions
{
    public const string Section = "Forums";

    /// <summary>Longest post in characters (UTF-16 code units, as clients count them).</summary>
    [Range(1, 100_000)] public int MaxPostCharacters { get; set; } = 10_000;

    /// <summary>Longest post in UTF-8 bytes; below the hub's message limit so an oversized post gets <c>too_large</c>, not a dropped connection.</summary>
    [Range(1, 60_000)] public int MaxPostBytes { get; set; } = 32_000;

    [Range(1, 500)] public int MaxTitleLength { get; set; } = 150;

    [Range(0, 20_000)] public int MaxDescriptionCharacters { get; set; } = 2_000;

    [Range(0, 50)] public int MaxAttachmentsPerPost { get; set; } = 10;

    [Range(1, 200)] public int DefaultThreadPageSize { get; set; } = 20;

    [Range(1, 500)] public int MaxThreadPageSize { get; set; } = 100;

    [Range(1, 500)] public int DefaultPostPageSize { get; set; } = 50;

    [Range(1, 1_000)] public int MaxPostPageSize { get; set; } = 200;

    /// <summary>Likes and unlikes a member may give per minute (on one node) before getting <c>rate_limited</c>.</summary>
    [Range(1, 10_000)] public int LikesPerMinute { get; set; } = 30;

    /// <summary>Threads and replies a member may post per minute (on one node).</summary>
    [Range(1, 10_000)] public int PostsPerMinute { get; set; } = 10;

    /// <summary>
    /// Tries of one post change (edit, delete, hide, show, approval) that finds the post changed since it read it: each
    /// try reads, applies the rules and compares-and-sets. Likes change a post's version too, so a class liking one post
    /// at once makes an edit wait for the likes; this is above the members a busy TwinSpace has.
    /// </summary>
    [Range(1, 10_000)] public int PostChangeAttempts { get; set; } = 200;
}
