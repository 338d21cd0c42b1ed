namespace ETwinning.Collab.Server.Infrastructure.RichText;

/// <summary>
/// What rendered rich text may contain (docs/rich-text.md explains each choice). Deliberately small: no images
/// (pictures are attached as Materials, which are re-encoded and stripped of metadata), no styles or classes
/// (they can hide or disguise content), no ids or names (they can clobber the page's own DOM).
/// </summary>
public static class RichTextAllowlist
{
    public static IReadOnlyList<string> Tags { get; } =
    [
        "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li", "a",
        "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
    ];

    /// <summary><c>href</c> and <c>title</c> on links, <c>start</c> on numbered lists; <c>rel</c>/<c>target</c> are set by the server.</summary>
    public static IReadOnlyList<string> Attributes { get; } = ["href", "title", "start"];

    /// <summary>Schemes a link may use; relative links are kept. Everything else (javascript:, data:, vbscript:) loses its href.</summary>
    public static IReadOnlyList<string> Schemes { get; } = ["http", "https", "mailto"];

    /// <summary>Every link gets this <c>rel</c>: no referrer, no window.opener, no search-engine credit for user content.</summary>
    public const string LinkRel = "nofollow noopener noreferrer ugc";
}
