namespace ETwinning.Collab.Server.Features.Moderation;

/// <summary>What the word filter decided, from mildest to strictest.</summary>
public enum ScreenOutcome
{
    Allowed,
    Masked,
    Held,
    Blocked,
}
