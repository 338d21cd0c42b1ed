namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>Who reacted to a message with one emoji (a member counts once per emoji).</summary>
public sealed record ChatReaction
{
    public required string Emoji { get; init; }
    public List<string> AccountIds { get; init; } = [];
}
