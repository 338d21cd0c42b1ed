namespace ETwinning.Collab.Server.Features.Moderation;

/// <summary>The word filter's answer for one text: the outcome, the text to store (masked if so) and what matched.</summary>
public sealed record ScreenVerdict(ScreenOutcome Outcome, string Text, IReadOnlyList<string> Matched)
{
    public static ScreenVerdict Allow(string text) => new(ScreenOutcome.Allowed, text, []);
}
