namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>A post's text after the word filter: possibly masked, possibly held for review (with what matched).</summary>
public sealed record ScreenedText(string Text, bool Held, IReadOnlyList<string> Matched)
{
    /// <summary>What the author sees on a held post.</summary>
    public const string HeldNote = "Waiting for a teacher to review this post.";
}
